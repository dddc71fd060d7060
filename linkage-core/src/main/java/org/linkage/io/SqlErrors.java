package org.linkage.io;

import java.sql.SQLException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * JDBC names and errors as linkage shows them: a URL without credentials, a table name checked to
 * be a plain identifier, and a database error in words that cannot quote a row's values. Stateless.
 */
final class SqlErrors {
  /** A plain SQL identifier, optionally schema-qualified; nothing that needs quoting or escaping. */
  private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)?");

  private SqlErrors() {}

  /** {@code url} up to its first {@code ?} or {@code ;} and without {@code user:password@}. */
  static String safeUrl(String url) {
    String u = url;
    int cut = indexOfAny(u, '?', ';');
    if (cut >= 0) {
      u = u.substring(0, cut);
    }
    int at = u.indexOf('@');
    int scheme = u.indexOf("//");
    if (at >= 0 && scheme >= 0 && at > scheme) {
      u = u.substring(0, scheme + 2) + u.substring(at + 1);
    }
    return u;
  }

  private static int indexOfAny(String s, char a, char b) {
    int i = s.indexOf(a);
    int j = s.indexOf(b);
    return i < 0 ? j : j < 0 ? i : Math.min(i, j);
  }

  /** True if {@code name} is a plain identifier ({@code npd}, {@code staging.npd}). */
  static boolean isIdentifier(String name) {
    return IDENTIFIER.matcher(name).matches();
  }

  /**
   * The error in words. Constraint and conversion errors are reduced to their SQL state: their
   * database messages quote the offending row ({@code Key (id)=(...)}), which may be personal data.
   */
  static String describe(SQLException e) {
    String state = e.getSQLState();
    String message = e.getMessage() == null ? "" : e.getMessage();
    String lower = message.toLowerCase(Locale.ROOT);
    if ((state != null && (state.startsWith("22") || state.startsWith("23")))
        || lower.startsWith("constraint error") || lower.startsWith("conversion error")
        || lower.startsWith("invalid input error") || lower.contains("violates")) {
      return (state != null && state.startsWith("22") ? "a value was refused" : "a constraint was violated")
          + " (SQL state " + (state == null ? "unknown" : state)
          + "; the database's message is not shown because it may quote row values)";
    }
    if (lower.startsWith("no suitable driver")) {
      return "no JDBC driver on the class path accepts this URL (the linkage jar bundles DuckDB and PostgreSQL)";
    }
    if (e instanceof java.sql.BatchUpdateException || lower.contains("batch entry") || lower.contains("values (")) {
      // a batch failure's message quotes the statement with its values
      return "the batch was refused (SQL state " + (state == null ? "unknown" : state)
          + "; the database's message is not shown because it may quote row values)";
    }
    String firstLine = message.lines().findFirst().orElse("").strip();
    if (firstLine.length() > 300) {
      firstLine = firstLine.substring(0, 300) + "...";
    }
    return firstLine.isEmpty() ? e.getClass().getSimpleName() + (state == null ? "" : " (SQL state " + state + ")")
        : firstLine + (state == null ? "" : " (SQL state " + state + ")");
  }
}

package org.linkage.testkit.generate;

import java.io.IOException;
import java.io.Writer;

/** RFC 4180 row writing: fields quoted only when they hold a comma, quote, CR or LF; rows end with LF. */
final class Csv {
  private Csv() {
  }

  static void writeRow(Writer out, String[] fields) throws IOException {
    for (int i = 0; i < fields.length; i++) {
      if (i > 0) {
        out.write(',');
      }
      writeField(out, fields[i]);
    }
    out.write('\n');
  }

  static void writeField(Writer out, String field) throws IOException {
    if (field == null || field.isEmpty()) {
      return;
    }
    if (!needsQuotes(field)) {
      out.write(field);
      return;
    }
    out.write('"');
    for (int i = 0; i < field.length(); i++) {
      char c = field.charAt(i);
      if (c == '"') {
        out.write('"');
      }
      out.write(c);
    }
    out.write('"');
  }

  static boolean needsQuotes(String field) {
    for (int i = 0; i < field.length(); i++) {
      char c = field.charAt(i);
      if (c == ',' || c == '"' || c == '\n' || c == '\r') {
        return true;
      }
    }
    return false;
  }
}

/**
 * The {@code linkage} command line (picocli): one class per command, and the exit codes
 * ({@code ExitCode}), which the command line owns and maps from the library's exception kinds.
 *
 * <p>Not a library API. As one of the project's own modules it may use linkage-core's
 * {@code org.linkage.internal} packages.
 */
package org.linkage.cli;

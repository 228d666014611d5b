/**
 * The command line (picocli): parse options into config records, call {@code pipeline}, map
 * failures to one line and an exit code. Nothing depends on this package.
 */
package org.iblrnn.cli;

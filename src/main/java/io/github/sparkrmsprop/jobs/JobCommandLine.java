package io.github.sparkrmsprop.jobs;

import java.io.PrintWriter;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import picocli.CommandLine;

/**
 * The picocli settings the training jobs share, and their exit codes: 0 on success,
 * {@link #USAGE_ERROR} for a bad option (the message names it), {@link #FAILURE} when the job
 * itself failed (missing input, bad labels, an existing output folder, divergence); the
 * message is printed on the error stream in one line, the stack trace logged at DEBUG.
 *
 * <p>An option given twice keeps its last value, so that a job file ({@code @jobs/NAME.conf})
 * can be followed by options that override it.
 */
final class JobCommandLine {

  /** Exit code of a bad option or option value. */
  static final int USAGE_ERROR = 2;
  /** Exit code of a job that started and failed. */
  static final int FAILURE = 1;

  private static final Logger LOG = LoggerFactory.getLogger(JobCommandLine.class);

  private JobCommandLine() {
  }

  /** A command line for {@code command} writing to {@code out} and {@code err}. */
  static CommandLine create(Object command, PrintWriter out, PrintWriter err) {
    CommandLine cl = new CommandLine(command);
    cl.setOut(out);
    cl.setErr(err);
    cl.setOverwrittenOptionsAllowed(true);
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    cl.setParameterExceptionHandler((ex, args) -> {
      PrintWriter e = ex.getCommandLine().getErr();
      e.println(ex.getCommandLine().getCommandName() + ": " + ex.getMessage());
      e.println("Run with --help for the options.");
      e.flush();
      return USAGE_ERROR;
    });
    cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
      LOG.debug("{} failed", commandLine.getCommandName(), ex);
      PrintWriter e = commandLine.getErr();
      String message = ex.getMessage() == null ? ex.toString() : ex.getMessage();
      e.println(commandLine.getCommandName() + " failed: " + message);
      e.flush();
      return FAILURE;
    });
    return cl;
  }
}

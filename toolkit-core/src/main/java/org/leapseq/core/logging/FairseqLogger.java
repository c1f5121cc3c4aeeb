// SPDX-License-Identifier: Apache-2.0
package org.leapseq.core.logging;

import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.AbstractLogger;
import org.slf4j.helpers.MessageFormatter;

/** One named logger; all formatting and output is in {@link LogSink}. */
final class FairseqLogger extends AbstractLogger {
  private static final long serialVersionUID = 1L;
  private final transient LogSink sink;

  FairseqLogger(String name, LogSink sink) {
    this.name = name;
    this.sink = sink;
  }

  @Override
  public boolean isTraceEnabled() {
    return sink.enabled(name, Level.TRACE);
  }

  @Override
  public boolean isTraceEnabled(Marker marker) {
    return isTraceEnabled();
  }

  @Override
  public boolean isDebugEnabled() {
    return sink.enabled(name, Level.DEBUG);
  }

  @Override
  public boolean isDebugEnabled(Marker marker) {
    return isDebugEnabled();
  }

  @Override
  public boolean isInfoEnabled() {
    return sink.enabled(name, Level.INFO);
  }

  @Override
  public boolean isInfoEnabled(Marker marker) {
    return isInfoEnabled();
  }

  @Override
  public boolean isWarnEnabled() {
    return sink.enabled(name, Level.WARN);
  }

  @Override
  public boolean isWarnEnabled(Marker marker) {
    return isWarnEnabled();
  }

  @Override
  public boolean isErrorEnabled() {
    return sink.enabled(name, Level.ERROR);
  }

  @Override
  public boolean isErrorEnabled(Marker marker) {
    return isErrorEnabled();
  }

  @Override
  protected String getFullyQualifiedCallerName() {
    return null;
  }

  @Override
  protected void handleNormalizedLoggingCall(
      Level level, Marker marker, String pattern, Object[] args, Throwable t) {
    sink.write(name, level, MessageFormatter.basicArrayFormat(pattern, args), t);
  }
}

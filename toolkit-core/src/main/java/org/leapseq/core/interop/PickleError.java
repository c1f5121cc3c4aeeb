// SPDX-License-Identifier: Apache-2.0
package org.leapseq.core.interop;

/** A malformed or unsupported pickle or archive; {@link TorchCheckpoints} adds the file name to the message. */
final class PickleError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  PickleError(String format, Object... args) {
    super(String.format(format, args), null, false, false);
  }
}

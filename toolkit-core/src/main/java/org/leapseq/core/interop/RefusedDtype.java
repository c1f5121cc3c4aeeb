// SPDX-License-Identifier: Apache-2.0
package org.leapseq.core.interop;

/**
 * A pickle builds a numpy dtype outside {@link NumpyDtype} (object, string, structured, datetime, complex, ...);
 * carries the dtype's type code.
 */
final class RefusedDtype extends RuntimeException {
  private static final long serialVersionUID = 1L;

  RefusedDtype(String code) {
    super(RefusedGlobal.printable(code), null, false, false);
  }
}

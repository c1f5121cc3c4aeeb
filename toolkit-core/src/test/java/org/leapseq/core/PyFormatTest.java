// SPDX-License-Identifier: Apache-2.0
package org.leapseq.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Expected strings were produced by CPython 3.11 ("{:.3}".format(v) and "{:.5}".format(v)). */
class PyFormatTest {
  @ParameterizedTest
  @CsvSource({
    "0.0, 0.0",
    "100.0, 1e+02",
    "99.95, 1e+02",
    "12.345, 12.3",
    "5.0, 5.0",
    "0.001234, 0.00123",
    "0.0001234, 0.000123",
    "1.234e-05, 1.23e-05",
    "1e-05, 1e-05",
    "3.14159, 3.14",
    "0.5, 0.5",
    "99.94, 99.9",
    "10.0, 10.0",
    "1.0, 1.0",
    "0.1, 0.1",
    "0.05, 0.05",
    "0.04999, 0.05",
    "33.33333, 33.3",
    "0.995, 0.995",
    "9.995, 9.99",
    "0.0005, 0.0005",
    "123.0, 1.23e+02",
    "1234.5, 1.23e+03",
    "0.00012345, 0.000123",
    "-2.5, -2.5",
    "1e-300, 1e-300",
    "7.77e+22, 7.77e+22",
    "66.66666666666666, 66.7",
    "0.0173, 0.0173",
  })
  void matchesPythonThreeDigits(double v, String expected) {
    assertEquals(expected, PyFormat.general(v, 3));
  }

  @ParameterizedTest
  @CsvSource({
    "0.0, 0.0",
    "100.0, 100.0",
    "99.95, 99.95",
    "12.345, 12.345",
    "5.0, 5.0",
    "0.001234, 0.001234",
    "0.0001234, 0.0001234",
    "1.234e-05, 1.234e-05",
    "1e-05, 1e-05",
    "3.14159, 3.1416",
    "0.5, 0.5",
    "99.94, 99.94",
    "10.0, 10.0",
    "1.0, 1.0",
    "0.1, 0.1",
    "0.05, 0.05",
    "0.04999, 0.04999",
    "33.33333, 33.333",
    "0.995, 0.995",
    "9.995, 9.995",
    "0.0005, 0.0005",
    "123.0, 123.0",
    "1234.5, 1234.5",
    "0.00012345, 0.00012345",
    "-2.5, -2.5",
    "1e-300, 1e-300",
    "7.77e+22, 7.77e+22",
    "66.66666666666666, 66.667",
    "0.0173, 0.0173",
  })
  void matchesPythonFiveDigits(double v, String expected) {
    assertEquals(expected, PyFormat.general(v, 5));
  }

  @ParameterizedTest
  @CsvSource({
    "-123.456, -123.456",
    "1e16, 1e+16",
    "1.5e-5, 1.5e-05",
    "0.0001, 0.0001",
    "12.0, 12.0",
    "-0.5, -0.5",
    "123456789012345.6, 123456789012345.6",
    "2.5e-300, 2.5e-300",
    "-7.123456789, -7.123456789",
  })
  void reprMatchesPython(double v, String expected) {
    assertEquals(expected, PyFormat.repr(v));
  }
}

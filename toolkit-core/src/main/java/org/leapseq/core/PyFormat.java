// SPDX-License-Identifier: Apache-2.0
package org.leapseq.core;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/** Python's float formatting where fairseq's log lines depend on it. */
public final class PyFormat {
  private PyFormat() {}

  /**
   * Python's {@code "{:.Np}".format(v)} (no type letter): {@code p} significant digits, correctly rounded from
   * the exact binary value; scientific notation when the decimal exponent is below -4 or at least {@code p - 1}
   * (Python adds ".0" to fixed output, which would exceed the precision); trailing zeros dropped but fixed
   * output keeps one digit after the point. {@code general(100.0, 3)} is {@code "1e+02"}, {@code
   * general(12.345, 3)} is {@code "12.3"}, {@code general(5.0, 3)} is {@code "5.0"}.
   */
  public static String general(double v, int precision) {
    Require.that(precision > 0, "precision must be positive, got %d", precision);
    if (Double.isNaN(v)) {
      return "nan";
    }
    if (Double.isInfinite(v)) {
      return v > 0 ? "inf" : "-inf";
    }
    if (v == 0.0) {
      return (1 / v < 0) ? "-0.0" : "0.0";
    }
    BigDecimal rounded = new BigDecimal(v).round(new MathContext(precision, RoundingMode.HALF_EVEN));
    int exp = rounded.precision() - rounded.scale() - 1;
    String sign = rounded.signum() < 0 ? "-" : "";
    String digits = stripZeros(rounded.unscaledValue().abs().toString());
    if (exp < -4 || exp >= precision - 1) {
      String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
      return sign + mantissa + "e" + (exp < 0 ? "-" : "+") + (Math.abs(exp) < 10 ? "0" : "") + Math.abs(exp);
    }
    String plain = rounded.abs().stripTrailingZeros().toPlainString();
    return sign + (plain.indexOf('.') < 0 ? plain + ".0" : plain);
  }

  private static String stripZeros(String digits) {
    int end = digits.length();
    while (end > 1 && digits.charAt(end - 1) == '0') {
      end--;
    }
    return digits.substring(0, end);
  }

  /**
   * Python's {@code repr(v)} / {@code str(v)} of a float: the shortest digits that read back to {@code v} (as
   * Java's {@link Double#toString} gives them), in fixed notation with at least one decimal when {@code 1e-4 <=
   * |v| < 1e16}, else as {@code d.ddde-05} / {@code 1e+16}; {@code inf}, {@code -inf}, {@code nan}.
   */
  public static String repr(double v) {
    if (Double.isNaN(v)) {
      return "nan";
    }
    if (Double.isInfinite(v)) {
      return v > 0 ? "inf" : "-inf";
    }
    if (v == 0) {
      return (1 / v < 0) ? "-0.0" : "0.0";
    }
    java.math.BigDecimal d = new java.math.BigDecimal(Double.toString(v)).stripTrailingZeros();
    String digits = d.unscaledValue().abs().toString();
    int exponent = digits.length() - 1 - d.scale();
    String sign = v < 0 ? "-" : "";
    if (exponent >= -4 && exponent < 16) {
      String plain = d.abs().toPlainString();
      return sign + (plain.contains(".") ? plain : plain + ".0");
    }
    String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
    return sign + mantissa + "e" + (exponent < 0 ? "-" : "+") + String.format(java.util.Locale.ROOT, "%02d",
        Math.abs(exponent));
  }
}

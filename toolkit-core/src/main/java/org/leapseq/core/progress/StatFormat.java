// SPDX-License-Identifier: Apache-2.0
package org.leapseq.core.progress;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/** How fairseq writes one logged number ({@code format_stat}) and Python's {@code repr} of a float. */
public final class StatFormat {
  private StatFormat() {}

  /**
   * fairseq's {@code format_stat} for a smoothed value: Python's {@code "{:g}"} (6 significant digits, no
   * trailing zeros, exponent below 1e-4 or from 1e6), so {@code 9.853 -> "9.853"}, {@code 3.0 -> "3"}, {@code
   * 0.0005 -> "0.0005"}, {@code 1.25e-05 -> "1.25e-05"}, {@code 1234567.0 -> "1.23457e+06"}; null is {@code None}.
   */
  public static String format(Double v) {
    if (v == null) {
      return "None";
    }
    return g(v);
  }

  /** Python's {@code "{:g}"}: 6 significant digits, scientific when the exponent is below -4 or at least 6. */
  static String g(double v) {
    if (Double.isNaN(v)) {
      return "nan";
    }
    if (Double.isInfinite(v)) {
      return v > 0 ? "inf" : "-inf";
    }
    if (v == 0.0) {
      return (1 / v < 0) ? "-0" : "0";
    }
    BigDecimal r = new BigDecimal(v).round(new MathContext(6, RoundingMode.HALF_EVEN));
    int exp = r.precision() - r.scale() - 1;
    String sign = r.signum() < 0 ? "-" : "";
    if (exp < -4 || exp >= 6) {
      String digits = r.unscaledValue().abs().toString().replaceAll("0+$", "");
      String mantissa = digits.length() <= 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
      return sign + mantissa + "e" + (exp < 0 ? "-" : "+") + (Math.abs(exp) < 10 ? "0" : "") + Math.abs(exp);
    }
    return sign + r.abs().stripTrailingZeros().toPlainString();
  }

  /** Python's {@code repr} of a float as {@code json.dumps} writes it ({@code 0.041}, {@code 1.0}, {@code 1e-05}). */
  public static String repr(double v) {
    if (Double.isNaN(v)) {
      return "NaN";
    }
    if (Double.isInfinite(v)) {
      return v > 0 ? "Infinity" : "-Infinity";
    }
    if (v == 0.0) {
      return (1 / v < 0) ? "-0.0" : "0.0";
    }
    BigDecimal d = new BigDecimal(Double.toString(v)).stripTrailingZeros();
    int exp = d.precision() - d.scale() - 1;
    if (exp < -4 || exp >= 16) {
      String digits = d.unscaledValue().abs().toString();
      String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
      String e = (exp < 0 ? "-" : "+") + (Math.abs(exp) < 10 ? "0" : "") + Math.abs(exp);
      return (v < 0 ? "-" : "") + mantissa + "e" + e;
    }
    String plain = d.toPlainString();
    return plain.indexOf('.') < 0 ? plain + ".0" : plain;
  }
}

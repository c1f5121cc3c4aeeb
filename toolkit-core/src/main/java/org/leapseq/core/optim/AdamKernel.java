// SPDX-License-Identifier: Apache-2.0
package org.leapseq.core.optim;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * {@link Adam}'s update as one loop over the elements of dense float32 or float64 arrays, with the same operations
 * in the same order and data type as the ND4J form (every scalar cast to the array's type first), but without its
 * eight temporaries per parameter, which cost page faults and passes over memory.
 */
final class AdamKernel {
  /**
   * b1, b2: the betas; eps: added to the root; decay: -wd * lr (0: none); negStep: -stepSize.
   */
  record Coefs(double b1, double b2, double eps, double decay, double negStep) {}

  private static final int PART = 1 << 13;

  private AdamKernel() {}

  /**
   * True when w, m, v (and vmax, when not null) are dense arrays (not views) of one type this kernel handles and g
   * has that type and length; g itself may be a view.
   */
  static boolean supports(INDArray w, INDArray g, INDArray m, INDArray v, INDArray vmax) {
    DataType type = w.dataType();
    if (type != DataType.FLOAT && type != DataType.DOUBLE || g.dataType() != type || g.length() != w.length()) {
      return false;
    }
    for (INDArray a : new INDArray[] {w, m, v, vmax}) {
      if (a != null && !(a.dataType() == type && dense(a) && a.length() == w.length())) {
        return false;
      }
    }
    return true;
  }

  private static boolean dense(INDArray a) {
    return !a.isView() && a.ordering() == 'c' && a.offset() == 0 && a.data().length() == a.length();
  }

  /** Updates w, m, v (and vmax) in place from g (copied first when a view); only after {@link #supports}. */
  static void update(INDArray w, INDArray grad, INDArray m, INDArray v, INDArray vmax, Coefs c) {
    INDArray g = dense(grad) ? grad : grad.dup('c');
    if (w.dataType() == DataType.FLOAT) {
      updateFloat(w.data().asNioFloat(), g.data().asNioFloat(), m.data().asNioFloat(), v.data().asNioFloat(),
          vmax == null ? null : vmax.data().asNioFloat(), (int) w.length(), c);
    } else {
      updateDouble(w.data().asNioDouble(), g.data().asNioDouble(), m.data().asNioDouble(), v.data().asNioDouble(),
          vmax == null ? null : vmax.data().asNioDouble(), (int) w.length(), c);
    }
  }

  private static void updateFloat(FloatBuffer w, FloatBuffer g, FloatBuffer m, FloatBuffer v, FloatBuffer vmax,
      int n, Coefs c) {
    float b1 = (float) c.b1();
    float c1 = (float) (1 - c.b1());
    float b2 = (float) c.b2();
    float c2 = (float) (1 - c.b2());
    float eps = (float) c.eps();
    float decay = (float) c.decay();
    float negStep = (float) c.negStep();
    boolean decays = c.decay() != 0;
    // through heap arrays in parts: indexed access to the direct buffers costs a bounds check per element
    int size = Math.min(n, PART);
    float[] wp = new float[size];
    float[] gp = new float[size];
    float[] mp = new float[size];
    float[] vp = new float[size];
    float[] xp = vmax == null ? null : new float[size];
    for (int start = 0; start < n; start += size) {
      int len = Math.min(size, n - start);
      w.get(start, wp, 0, len);
      g.get(start, gp, 0, len);
      m.get(start, mp, 0, len);
      v.get(start, vp, 0, len);
      if (xp != null) {
        vmax.get(start, xp, 0, len);
      }
      for (int i = 0; i < len; i++) {
        float gi = gp[i];
        float mi = mp[i] * b1 + gi * c1;
        float vi = vp[i] * b2 + (gi * c2) * gi;
        mp[i] = mi;
        vp[i] = vi;
        float second = vi;
        if (xp != null) {
          second = Math.max(xp[i], vi);
          xp[i] = second;
        }
        float denom = (float) Math.sqrt(second) + eps;
        float wi = wp[i];
        if (decays) {
          wi = wi + wi * decay;
        }
        wp[i] = wi + (mi * negStep) / denom;
      }
      w.put(start, wp, 0, len);
      m.put(start, mp, 0, len);
      v.put(start, vp, 0, len);
      if (xp != null) {
        vmax.put(start, xp, 0, len);
      }
    }
  }

  private static void updateDouble(DoubleBuffer w, DoubleBuffer g, DoubleBuffer m, DoubleBuffer v,
      DoubleBuffer vmax, int n, Coefs c) {
    double c1 = 1 - c.b1();
    double c2 = 1 - c.b2();
    boolean decays = c.decay() != 0;
    for (int i = 0; i < n; i++) {
      double gi = g.get(i);
      double mi = m.get(i) * c.b1() + gi * c1;
      double vi = v.get(i) * c.b2() + (gi * c2) * gi;
      m.put(i, mi);
      v.put(i, vi);
      double second = vi;
      if (vmax != null) {
        second = Math.max(vmax.get(i), vi);
        vmax.put(i, second);
      }
      double denom = Math.sqrt(second) + c.eps();
      double wi = w.get(i);
      if (decays) {
        wi = wi + wi * c.decay();
      }
      w.put(i, wi + (mi * c.negStep()) / denom);
    }
  }
}

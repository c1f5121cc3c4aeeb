// SPDX-License-Identifier: Apache-2.0
package org.leapseq.core.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.leapseq.core.LeapseqException;
import org.leapseq.core.progress.ProgressBars.Terminal;

class ProgressBarsTest {
  private final List<String> lines = new ArrayList<>();
  private final StatSink sink = (name, message) -> lines.add(name + " | " + message);

  /** The stats fairseq's trainer logs after an update, in its order. */
  private static Map<String, Double> trainStats() {
    Map<String, Double> s = new LinkedHashMap<>();
    s.put("loss", 9.853);
    s.put("nll_loss", 9.853);
    s.put("ppl", 925.11);
    s.put("wps", 12345.6);
    s.put("ups", 2.35);
    s.put("wpb", 2048.0);
    s.put("bsz", 4.0);
    s.put("num_updates", 10.0);
    s.put("lr", 1.25e-05);
    s.put("gnorm", 3.21);
    s.put("clip", 0.0);
    s.put("train_wall", 4.0);
    s.put("gb_free", 1234567.0);
    s.put("wall", 5.0);
    return s;
  }

  private static void advance(ProgressBar bar, int batches) {
    Iterator<Integer> it = bar.wrap(IntStream.range(0, batches).iterator());
    while (it.hasNext()) {
      it.next();
    }
  }

  @Test
  void formatStatIsPythonsG() {
    assertEquals("9.853", StatFormat.format(9.853));
    assertEquals("3", StatFormat.format(3.0));
    assertEquals("0", StatFormat.format(0.0));
    assertEquals("0.0005", StatFormat.format(0.0005));
    assertEquals("1.25e-05", StatFormat.format(1.25e-05));
    assertEquals("1.23457e+06", StatFormat.format(1234567.0));
    assertEquals("123457", StatFormat.format(123456.7));
    assertEquals("925.11", StatFormat.format(925.11));
    assertEquals("100", StatFormat.format(100.0));
    assertEquals("123456", StatFormat.format(123456.0));
    assertEquals("1e+06", StatFormat.format(999999.5));
    assertEquals("0.0001", StatFormat.format(1e-4));
    assertEquals("-2.5", StatFormat.format(-2.5));
    assertEquals("0.333333", StatFormat.format(1 / 3.0));
    assertEquals("nan", StatFormat.format(Double.NaN));
    assertEquals("inf", StatFormat.format(Double.POSITIVE_INFINITY));
    assertEquals("None", StatFormat.format(null));
  }

  @Test
  void reprIsPythons() {
    assertEquals("0.041", StatFormat.repr(0.041));
    assertEquals("1.0", StatFormat.repr(1.0));
    assertEquals("12.5", StatFormat.repr(12.5));
    assertEquals("1e-05", StatFormat.repr(1e-05));
    assertEquals("0.0001", StatFormat.repr(1e-04));
    assertEquals("1e+16", StatFormat.repr(1e16));
  }

  @Test
  void simpleBarLogsOnTheIntervalWithFairseqsPadding() {
    SimpleProgressBar bar = new SimpleProgressBar(ProgressSpec.of(1, 242).withLogInterval(10), sink);
    advance(bar, 10);
    bar.log(trainStats(), "train_inner", 9);
    bar.log(trainStats(), "train_inner", 10);
    assertEquals(List.of("train_inner | epoch 001:     10 / 242 loss=9.853, nll_loss=9.853, ppl=925.11, "
        + "wps=12345.6, ups=2.35, wpb=2048, bsz=4, num_updates=10, lr=1.25e-05, gnorm=3.21, clip=0, "
        + "train_wall=4, gb_free=1.23457e+06, wall=5"), lines);
  }

  @Test
  void simpleBarPrintsEpochAndValidationLines() {
    SimpleProgressBar train = new SimpleProgressBar(ProgressSpec.of(12, 242), sink);
    Map<String, Double> s = new LinkedHashMap<>();
    s.put("loss", 9.853);
    s.put("ppl", 925.11);
    s.put("num_updates", 242.0);
    train.print(s, "train", 242);
    SimpleProgressBar valid =
        new SimpleProgressBar(ProgressSpec.of(1, 3).withPrefix("valid on 'valid' subset"), sink);
    s.put("best_loss", 9.5);
    valid.print(s, "valid", 242);
    assertEquals(List.of("train | epoch 012 | loss 9.853 | ppl 925.11 | num_updates 242",
        "valid | epoch 001 | valid on 'valid' subset | loss 9.853 | ppl 925.11 | num_updates 242 | best_loss 9.5"),
        lines);
  }

  @Test
  void aResumedEpochCountsFromItsOffset() {
    SimpleProgressBar bar = new SimpleProgressBar(ProgressSpec.of(2, 242).withOffset(100).withLogInterval(1), sink);
    advance(bar, 3);
    bar.log(Map.of("loss", 1.5), null, 0);
    assertEquals(List.of("fairseq.logging.progress_bar | epoch 002:    103 / 242 loss=1.5"), lines);
  }

  @Test
  void jsonBarWritesFormattedStringsAndTaggedEpochKeys() {
    JsonProgressBar bar = new JsonProgressBar(ProgressSpec.of(1, 242).withLogInterval(10), sink);
    advance(bar, 10);
    Map<String, Double> s = new LinkedHashMap<>();
    s.put("loss", 9.853);
    s.put("lr", 0.0005);
    s.put("num_updates", 10.0);
    bar.log(s, "train_inner", 10);
    bar.print(s, "train", 10);
    assertEquals(List.of(
        "train_inner | {\"epoch\": 1, \"update\": 0.041, \"loss\": \"9.853\", \"lr\": \"0.0005\", "
            + "\"num_updates\": \"10\"}",
        "train | {\"epoch\": 1, \"train_loss\": \"9.853\", \"train_lr\": \"0.0005\", \"train_num_updates\": \"10\"}"),
        lines);
    assertEquals("\"a\\\"\\u00e9\\n\"", JsonProgressBar.quote("a\"\u00e9\n"));
  }

  @Test
  void noneWritesNothingAndTqdmWithoutATerminalIsSimple() {
    ProgressSpec spec = ProgressSpec.of(1, 4).withLogInterval(1);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream console = new PrintStream(out, true, StandardCharsets.UTF_8);
    ProgressBar none = ProgressBars.create(LogFormat.NONE, spec, sink, Terminal.ATTACHED, console);
    advance(none, 1);
    none.log(trainStats(), "train_inner", 1);
    none.print(trainStats(), "train", 1);
    assertEquals(List.of(), lines);
    assertInstanceOf(SimpleProgressBar.class,
        ProgressBars.create(LogFormat.TQDM, spec, sink, Terminal.DETACHED, console));
    assertInstanceOf(TqdmProgressBar.class,
        ProgressBars.create(LogFormat.TQDM, spec, sink, Terminal.ATTACHED, console));
    assertEquals(LogFormat.JSON, LogFormat.parse("json"));
    assertThrows(LeapseqException.class, () -> LogFormat.parse("xml"));
  }

  @Test
  void tqdmBarRedrawsOneLineAndPrintsEpochStatsAsLogLines() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream console = new PrintStream(out, true, StandardCharsets.UTF_8);
    double[] now = {0};
    TqdmProgressBar bar = new TqdmProgressBar(ProgressSpec.of(1, 4), sink, console, () -> now[0]);
    bar.log(Map.of("loss", 9.853), "train_inner", 1);
    now[0] = 2;
    assertEquals("epoch 001:  50%|#####     | 2/4 [00:02<00:02, 1.00it/s, loss=9.853]", bar.render(2, 2));
    advance(bar, 4);
    bar.close();
    String drawn = out.toString(StandardCharsets.UTF_8);
    assertEquals(true, drawn.startsWith("\repoch 001:  25%|##        | 1/4"), drawn);
    assertEquals(true, drawn.endsWith("\r"), "the bar is erased on close");
    bar.print(Map.of("loss", 9.853), "train", 4);
    assertEquals(List.of("train | epoch 001 | loss 9.853"), lines);
  }
}

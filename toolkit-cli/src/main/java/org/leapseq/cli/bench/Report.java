// SPDX-License-Identifier: Apache-2.0
package org.leapseq.cli.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Benchmark results: rows of named values in insertion order, printed as one JSON document (with the machine
 * description) followed by an aligned text table with one column per key.
 */
final class Report {
  private final String benchmark;
  private final Map<String, Object> machine;
  private final List<Map<String, Object>> rows = new ArrayList<>();

  Report(String benchmark, Map<String, Object> machine) {
    this.benchmark = benchmark;
    this.machine = machine;
  }

  /** Starts a new row; put values into the returned map in column order. */
  Map<String, Object> row() {
    Map<String, Object> r = new LinkedHashMap<>();
    rows.add(r);
    return r;
  }

  void print(PrintStream out) {
    java.io.PrintWriter w = new java.io.PrintWriter(out, true);
    print(w);
    w.flush();
  }

  /** As {@link #print(PrintStream)}, to a command's own writer (picocli's {@code getOut()}). */
  void print(java.io.PrintWriter out) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("benchmark", benchmark);
    doc.put("machine", machine);
    doc.put("results", rows);
    try {
      out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(doc));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    out.println();
    printTable(out);
  }

  private void printTable(java.io.PrintWriter out) {
    Set<String> cols = new LinkedHashSet<>();
    rows.forEach(r -> cols.addAll(r.keySet()));
    List<String> names = new ArrayList<>(cols);
    int[] width = new int[names.size()];
    for (int c = 0; c < names.size(); c++) {
      width[c] = names.get(c).length();
      for (Map<String, Object> r : rows) {
        width[c] = Math.max(width[c], cell(r.get(names.get(c))).length());
      }
    }
    StringBuilder head = new StringBuilder();
    for (int c = 0; c < names.size(); c++) {
      head.append(String.format("%" + width[c] + "s  ", names.get(c)));
    }
    out.println(head.toString().stripTrailing());
    for (Map<String, Object> r : rows) {
      StringBuilder line = new StringBuilder();
      for (int c = 0; c < names.size(); c++) {
        line.append(String.format("%" + width[c] + "s  ", cell(r.get(names.get(c)))));
      }
      out.println(line.toString().stripTrailing());
    }
  }

  private static String cell(Object v) {
    if (v == null) {
      return "-";
    }
    if (v instanceof Double d) {
      double a = Math.abs(d);
      return a != 0 && (a < 1e-3 || a >= 1e6) ? String.format("%.3e", d) : String.format("%.4g", d);
    }
    return String.valueOf(v);
  }
}

// SPDX-License-Identifier: Apache-2.0
package org.leapseq.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class RegistryTest {
  record Lr(double lr) {}

  record Momentum(double lr, double momentum) {}

  interface Opt {
    double lr();
  }

  private static Registry<Opt> registry() {
    Registry<Opt> r = new Registry<>("optimizer");
    r.register("sgd", Lr.class, c -> c::lr);
    r.register("nag", Momentum.class, c -> () -> c.lr() * c.momentum());
    return r;
  }

  @Test
  void buildsFromTheRegisteredConfigType() {
    Registry<Opt> r = registry();
    assertEquals(0.5, r.create("sgd", new Lr(0.5)).lr());
    assertEquals(0.45, r.create("nag", new Momentum(0.5, 0.9)).lr(), 1e-12);
    assertEquals(Momentum.class, r.configType("nag"));
    assertEquals(List.of("sgd", "nag"), r.names());
  }

  @Test
  void duplicateNamesThrow() {
    Registry<Opt> r = registry();
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> r.register("sgd", Lr.class, c -> c::lr));
    assertEquals("optimizer 'sgd' is already registered", e.getMessage());
  }

  @Test
  void unknownNameListsValidChoices() {
    LeapseqException e = assertThrows(LeapseqException.class, () -> registry().get("adamw"));
    assertEquals("unknown optimizer 'adamw'; valid choices: sgd, nag", e.getMessage());
  }

  @Test
  void wrongConfigTypeIsRefused() {
    LeapseqException e =
        assertThrows(LeapseqException.class, () -> registry().create("nag", new Lr(1)));
    assertTrue(e.getMessage().contains("takes a Momentum, not a Lr"), e.getMessage());
  }
}

package dev.booty.core.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.booty.api.ChaosContext;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StepChaosTest {

  /**
   * A step's mode acts only through StepChaos: an action of ChaosContext it does not pass on (a
   * default method added to the API later) would fail every step that uses it, as dns-outage did.
   */
  @Test
  void everyActionOfTheChaosContextGoesOnToTheStack() throws Exception {
    List<String> missing = new ArrayList<>();
    for (Method m : ChaosContext.class.getMethods()) {
      if (m.isSynthetic() || java.lang.reflect.Modifier.isStatic(m.getModifiers())) {
        continue;
      }
      Method own = StepChaos.class.getMethod(m.getName(), m.getParameterTypes());
      if (!own.getDeclaringClass().equals(StepChaos.class)) {
        missing.add(m.getName());
      }
      Method stack = StackChaosContext.class.getMethod(m.getName(), m.getParameterTypes());
      if (!stack.getDeclaringClass().equals(StackChaosContext.class)) {
        missing.add("StackChaosContext." + m.getName());
      }
    }
    assertThat(missing).isEmpty();
  }
}

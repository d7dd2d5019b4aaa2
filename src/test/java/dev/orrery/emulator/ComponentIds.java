package dev.orrery.emulator;

import java.util.HashSet;
import java.util.Set;
import net.dv8tion.jda.api.utils.data.DataArray;
import net.dv8tion.jda.api.utils.data.DataObject;

/**
 * Gives every component without an {@code id} the next number not yet used in the tree, in tree
 * order, as Discord numbers components the sender left unnumbered.
 */
final class ComponentIds {
  private ComponentIds() {}

  static void assign(DataArray components) {
    Set<Integer> used = new HashSet<>();
    collect(components, used);
    int[] next = {1};
    number(components, used, next);
  }

  private static void collect(DataArray components, Set<Integer> used) {
    for (DataObject component : components.stream(DataArray::getObject).toList()) {
      if (!component.isNull("id")) {
        used.add(component.getInt("id"));
      }
      children(component, child -> collect(child, used));
    }
  }

  private static void number(DataArray components, Set<Integer> used, int[] next) {
    for (DataObject component : components.stream(DataArray::getObject).toList()) {
      if (component.isNull("id")) {
        while (used.contains(next[0])) {
          next[0]++;
        }
        used.add(next[0]);
        component.put("id", next[0]);
      }
      children(component, child -> number(child, used, next));
    }
  }

  private static void children(DataObject component, java.util.function.Consumer<DataArray> visit) {
    component.optArray("components").ifPresent(visit);
    component.optObject("component").ifPresent(child -> visit.accept(DataArray.empty().add(child)));
  }
}

package dicomsql.server.web;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Calcite's EXPLAIN text as a tree: each line is an operator, and its inputs are the lines
 * below it indented by two more spaces.
 */
record PlanTree(String label, List<PlanTree> inputs) {
  static List<PlanTree> parse(String plan) {
    List<PlanTree> roots = new ArrayList<>();
    Deque<PlanTree> open = new ArrayDeque<>();
    Deque<Integer> depths = new ArrayDeque<>();
    for (String line : plan.split("\\R")) {
      if (line.isBlank()) {
        continue;
      }
      int depth = line.length() - line.stripLeading().length();
      PlanTree node = new PlanTree(line.strip(), new ArrayList<>());
      while (!depths.isEmpty() && depths.peek() >= depth) {
        depths.pop();
        open.pop();
      }
      (open.isEmpty() ? roots : open.peek().inputs()).add(node);
      open.push(node);
      depths.push(depth);
    }
    return roots;
  }
}

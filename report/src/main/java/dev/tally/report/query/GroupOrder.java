package dev.tally.report.query;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The order of a report's groups (design.md, "Order", as amended by issue 16). Without a time dimension: cost
 * descending, ties by keys ({@link Group#ORDER}). With one, time is an axis, not a ranking: the groups of each series
 * (the same keys in every non-time dimension) stay together, series by their whole cost descending, and within a
 * series the time keys ascend; {@code --top} keeps the N costliest series and folds the others per time key, so no
 * day, week or month ever disappears into {@code (other)}.
 */
final class GroupOrder implements Comparator<Group> {
    private final boolean[] time;
    private final Map<List<String>, BigDecimal> seriesCost;
    /** Each group's series keys and their cost, computed once: a sort compares each group about log n times. */
    private final IdentityHashMap<Group, Series> seriesOf = new IdentityHashMap<>();

    private record Series(List<String> keys, BigDecimal cost) {}

    private GroupOrder(boolean[] time, Map<List<String>, BigDecimal> seriesCost) {
        this.time = time;
        this.seriesCost = seriesCost;
    }

    static GroupOrder of(List<Dimension> dimensions, Collection<Group> groups) {
        boolean[] time = new boolean[dimensions.size()];
        for (int i = 0; i < time.length; i++) {
            time[i] = dimensions.get(i).isTime();
        }
        Map<List<String>, BigDecimal> seriesCost = new HashMap<>();
        GroupOrder order = new GroupOrder(time, seriesCost);
        if (order.hasTime()) {
            groups.forEach(g -> seriesCost.merge(order.series(g), g.cost(), BigDecimal::add));
        }
        return order;
    }

    @Override
    public int compare(Group a, Group b) {
        if (!hasTime()) {
            return Group.ORDER.compare(a, b);
        }
        boolean seriesCompared = false;
        for (int i = 0; i < time.length; i++) {
            int c;
            if (time[i]) {
                c = compareTime(a.keys().get(i), b.keys().get(i));
            } else if (!seriesCompared) {
                seriesCompared = true;
                c = compareSeries(cached(a), cached(b));
            } else {
                c = 0;
            }
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    /**
     * All but the top N: without a time dimension the cheapest groups become one {@code (other)} group, last; with one,
     * the cheapest series become one {@code (other)} series with a group per time key, and a report by time alone
     * keeps every group.
     */
    List<Group> fold(List<Group> sorted, int top) {
        if (!hasTime()) {
            if (sorted.size() <= top) {
                return sorted;
            }
            List<Group> shown = new ArrayList<>(sorted.subList(0, top));
            Group other = new Group(
                    Collections.nCopies(time.length, Group.OTHER),
                    BigDecimal.ZERO,
                    BigDecimal.ZERO,
                    BigDecimal.ZERO,
                    0);
            for (Group g : sorted.subList(top, sorted.size())) {
                other = other.plus(g);
            }
            shown.add(other);
            return shown;
        }
        List<List<String>> ranked = new ArrayList<>(seriesCost.keySet());
        ranked.sort(this::compareSeries);
        if (ranked.size() <= top) {
            return sorted;
        }
        List<List<String>> kept = ranked.subList(0, top);
        Map<List<String>, Group> shown = new LinkedHashMap<>();
        for (Group g : sorted) {
            List<String> keys = kept.contains(series(g)) ? g.keys() : otherKeys(g);
            shown.merge(keys, new Group(keys, g.cost(), g.tokens(), g.tokenCost(), g.rows()), Group::plus);
        }
        List<Group> out = new ArrayList<>(shown.values());
        // The folded series sorts last whatever it costs, as the (other) group does without time.
        out.sort(Comparator.<Group, Boolean>comparing(g -> series(g).stream().allMatch(Group.OTHER::equals))
                .thenComparing(this));
        return out;
    }

    private boolean hasTime() {
        for (boolean t : time) {
            if (t) {
                return true;
            }
        }
        return false;
    }

    /** A group's keys in the non-time dimensions. */
    private List<String> series(Group g) {
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < time.length; i++) {
            if (!time[i]) {
                keys.add(g.keys().get(i));
            }
        }
        return keys;
    }

    private List<String> otherKeys(Group g) {
        List<String> keys = new ArrayList<>(g.keys());
        for (int i = 0; i < time.length; i++) {
            if (!time[i]) {
                keys.set(i, Group.OTHER);
            }
        }
        return keys;
    }

    private Series cached(Group g) {
        return seriesOf.computeIfAbsent(g, k -> {
            List<String> keys = series(k);
            return new Series(keys, seriesCost.getOrDefault(keys, BigDecimal.ZERO));
        });
    }

    private int compareSeries(Series a, Series b) {
        int c = b.cost().compareTo(a.cost());
        for (int i = 0; c == 0 && i < a.keys().size(); i++) {
            c = a.keys().get(i).compareTo(b.keys().get(i));
        }
        return c;
    }

    private int compareSeries(List<String> a, List<String> b) {
        int c = seriesCost.getOrDefault(b, BigDecimal.ZERO).compareTo(seriesCost.getOrDefault(a, BigDecimal.ZERO));
        for (int i = 0; c == 0 && i < a.size(); i++) {
            c = a.get(i).compareTo(b.get(i));
        }
        return c;
    }

    /** ISO dates, Monday dates and YYYY-MM all sort as text; a group without a date comes last. */
    private static int compareTime(String a, String b) {
        boolean aNone = a.equals(Group.NONE);
        boolean bNone = b.equals(Group.NONE);
        if (aNone || bNone) {
            return Boolean.compare(aNone, bNone);
        }
        return a.compareTo(b);
    }
}

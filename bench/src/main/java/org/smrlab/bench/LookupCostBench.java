package org.smrlab.bench;

import java.lang.invoke.VarHandle;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.ThreadParams;
import org.smrlab.bench.support.EngineParam;
import org.smrlab.bench.support.Keys;
import org.smrlab.smr.Session;
import org.smrlab.smr.pool.SmrPool;
import org.smrlab.smr.set.SetNode;
import org.smrlab.smr.set.SmrHashSet;

/*
 * QUESTION: where does a hash-set lookup's time go, per engine: how much is the engine's protect
 * (hazard pointers publish, fence and re-validate per node), how much the set's own checks (the
 * generation read twice, the removed flag, the slot alternation, the restart loop)? A diagnostic
 * suite: it walks the same set's chains, read side only, with variants of the walk, so the
 * variants can be compared within one run (on a shared or noisy machine, only such ratios mean
 * anything).
 *
 * KNOBS
 *   engine   hp and ebr by default (the pair the question is about); any spec works
 *   walk     set         SmrHashSet.Handle.contains itself (the lab's lookup)
 *            before      the walk as the set did it before issue 9: the successor is protected
 *                        before the key is compared, a null successor included
 *            hitFirst    the key is compared before the successor is protected: a hit protects
 *                        nothing more (the set's walk since issue 9, with skipNull)
 *            skipNull    before, but a null successor is not published (no fence)
 *            noRemoved   before, without the removed-flag check (unsafe for hp: measures the check)
 *            noGeneration before, without the two generation reads and the load-load fence (the
 *                        lab's use-after-free detector; measures the detector)
 *            oneSlot     before, always publishing into slot 0 (unsafe: the node in hand loses its
 *                        hazard; measures the alternation)
 *            perBucket   protect only the bucket head's link, then plain acquire loads (unsafe for
 *                        hp: measures per-node protection against one protection per lookup)
 *   One thread, no writer: the set does not change, so the unsafe variants are harmless here.
 *
 * HOW TO READ
 *   Score: ns per lookup (a section: enter, walk, exit), 100 lookups per invocation of random
 *   keys in [0, 2 x KEYS), about half present, 1024 buckets (chains of about one node). Divide
 *   each variant by the same engine's "before" row, and hp by ebr within a variant: a difference
 *   that remains in perBucket is not the fence per node. -prof gc shows that no variant allocates;
 *   -prof stack (a sampling profiler of Java frames) shows the time split between protect and the
 *   walk.
 *
 * WHAT THE WALK COSTS, COUNTED (issue 9; independent of any timing)
 *   The set here is ReadSideBench's: keys 0..1023 in 1024 buckets (360 empty, chains up to 5),
 *   lookups uniform in [0, 2048). ebr pays one fence per lookup (enter). hp pays none at enter and
 *   one hazard store + one fence per protect. The walk before issue 9 protected the bucket head
 *   (even when empty) and then, for every node it stood on, the successor, before comparing the
 *   key: the successor of the node that matched and the null after a chain's last node included:
 *   on this set, 1 + (position of the hit, or chain length on a miss), 2.22 protects per lookup
 *   averaged over the 2048 keys looked up (counted from the bucket function and the chains it
 *   builds). Comparing the key first (a hit needs no successor) and letting hp's protect return
 *   at once on a null link: the position of the hit, or the chain length, 1.22. So hp now pays
 *   1.22 fences per lookup to ebr's 1, where it paid 2.22.
 *   A second cost is Java's, not hazard pointers': a hazard is a reference store into the record's
 *   slot array, and G1's post-write barrier, when that array lies outside a young region (after
 *   the objects are promoted, as in any long-running program), takes its slow path, which starts
 *   with a StoreLoad (lock addl) before it looks at the card: a second locked instruction per
 *   protect. Seen in C2's code for SmrHashSet.Handle.walk on JDK 17 (-XX:+PrintAssembly without
 *   hsdis prints the bytes; objdump decodes them): store, region check, card-is-young check, then
 *   out of line lock addl, card check; then protect's own lock addl. A C hazard pointer stores an
 *   address with a plain store. Publishing something that is not a reference (an identity hash,
 *   say, compared conservatively by the scan) would avoid it, at the price of an exact memory
 *   bound; not done. Run with -XX:+UseParallelGC (a plain card store, no fence) to see its share.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class LookupCostBench {
    public static final int LOOKUPS = 100;
    public static final int KEYS = ReadSideBench.KEYS;

    @State(Scope.Thread)
    public static class Walker {
        @Param({"gus", "gus-deferred", "gus-lazy", "qsbr", "ebr", "hp", "hp-asym", "ibr", "he", "pserialize", "psref", "localcount", "rwlock", "none"}) // every safe engine (the catalogue test); hp and ebr are the pair it was written for
        public String engine;

        @Param({"set", "before", "hitFirst", "skipNull", "noRemoved", "noGeneration", "oneSlot", "perBucket"})
        public String walk;

        SmrHashSet set;
        SmrHashSet.Handle handle;
        Session<SetNode> session;
        Keys keys;
        int variant;

        @Setup(Level.Trial)
        public void open(ThreadParams t) {
            set = new SmrHashSet(new SmrPool<>(EngineParam.spec(engine, EngineParam.DEFAULT_BATCH), SetNode::new), KEYS);
            handle = set.join();
            for (long k = 0; k < KEYS; k++) {
                handle.add(k);
            }
            session = handle.session();
            keys = new Keys(2 * KEYS, 0x5EED + t.getThreadIndex());
            variant = switch (walk) {
                case "set" -> 0;
                case "before" -> 1;
                case "hitFirst" -> 2;
                case "skipNull" -> 3;
                case "noRemoved" -> 4;
                case "noGeneration" -> 5;
                case "oneSlot" -> 6;
                case "perBucket" -> 7;
                default -> throw new IllegalArgumentException("walk '" + walk
                        + "'; valid: set, before, hitFirst, skipNull, noRemoved, noGeneration, oneSlot, perBucket");
            };
        }

        @TearDown(Level.Trial)
        public void close() {
            handle.close();
            set.close();
            set.pool().close();
        }
    }

    @Benchmark
    @OperationsPerInvocation(LOOKUPS)
    public int lookup(Walker w) {
        int hits = 0;
        for (int i = 0; i < LOOKUPS; i++) {
            long key = w.keys.next();
            hits += w.variant == 0 ? (w.handle.contains(key) ? 1 : 0) : contains(w, key);
        }
        return hits;
    }

    private static int contains(Walker w, long key) {
        Session<SetNode> s = w.session;
        AtomicReference<SetNode> head = w.set.bucketHead(key);
        s.enter();
        try {
            for (;;) {
                int found = switch (w.variant) {
                    case 1 -> before(s, head, key, true, true, true);
                    case 2 -> hitFirst(s, head, key);
                    case 3 -> skipNull(s, head, key);
                    case 4 -> before(s, head, key, false, true, true);
                    case 5 -> before(s, head, key, true, false, true);
                    case 6 -> before(s, head, key, true, true, false);
                    default -> perBucket(s, head, key);
                };
                if (found >= 0) {
                    return found;
                }
            }
        } finally {
            s.exit();
        }
    }

    /** The set's walk before issue 9 (without its step bound and counters), with parts switched off. */
    private static int before(Session<SetNode> s, AtomicReference<SetNode> head, long key,
                              boolean checkRemoved, boolean checkGeneration, boolean alternate) {
        int slot = 0;
        SetNode node = s.protect(slot, head);
        while (node != null) {
            long g1 = checkGeneration ? node.generation() : 0;
            if ((g1 & 1) != 0) {
                return -1;
            }
            long k = node.key();
            SetNode successor = s.protect(alternate ? 1 - slot : 0, node.next());
            boolean removed = checkRemoved && node.isRemoved();
            if (checkGeneration) {
                VarHandle.loadLoadFence();
                if (node.generation() != g1) {
                    return -1;
                }
            }
            if (removed) {
                return -1;
            }
            if (k == key) {
                return 1;
            }
            node = successor;
            slot = alternate ? 1 - slot : 0;
        }
        return 0;
    }

    /** The key first: a hit needs no successor. */
    private static int hitFirst(Session<SetNode> s, AtomicReference<SetNode> head, long key) {
        int slot = 0;
        SetNode node = s.protect(slot, head);
        while (node != null) {
            long g1 = node.generation();
            if ((g1 & 1) != 0) {
                return -1;
            }
            long k = node.key();
            if (k == key) { // a hit needs no successor; the node's own removed flag still sends us back
                boolean removed = node.isRemoved();
                VarHandle.loadLoadFence();
                return node.generation() == g1 && !removed ? 1 : -1;
            }
            SetNode successor = node.next().getAcquire();
            if (successor != null) {
                successor = s.protect(1 - slot, node.next());
            }
            boolean removed = node.isRemoved();
            VarHandle.loadLoadFence();
            if (node.generation() != g1 || removed) {
                return -1;
            }
            node = successor;
            slot = 1 - slot;
        }
        return 0;
    }

    /** before, but a null successor is not published. */
    private static int skipNull(Session<SetNode> s, AtomicReference<SetNode> head, long key) {
        int slot = 0;
        SetNode node = s.protect(slot, head);
        while (node != null) {
            long g1 = node.generation();
            if ((g1 & 1) != 0) {
                return -1;
            }
            long k = node.key();
            SetNode successor = node.next().getAcquire();
            if (successor != null) {
                successor = s.protect(1 - slot, node.next());
            }
            boolean removed = node.isRemoved();
            VarHandle.loadLoadFence();
            if (node.generation() != g1 || removed) {
                return -1;
            }
            if (k == key) {
                return 1;
            }
            node = successor;
            slot = 1 - slot;
        }
        return 0;
    }

    /** One protection per lookup (the head's link), acquire loads after it. */
    private static int perBucket(Session<SetNode> s, AtomicReference<SetNode> head, long key) {
        SetNode node = s.protect(0, head);
        while (node != null) {
            long g1 = node.generation();
            if ((g1 & 1) != 0) {
                return -1;
            }
            long k = node.key();
            SetNode successor = node.next().getAcquire();
            boolean removed = node.isRemoved();
            VarHandle.loadLoadFence();
            if (node.generation() != g1 || removed) {
                return -1;
            }
            if (k == key) {
                return 1;
            }
            node = successor;
        }
        return 0;
    }
}

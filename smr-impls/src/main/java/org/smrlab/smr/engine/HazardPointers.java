package org.smrlab.smr.engine;

import java.lang.invoke.VarHandle;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Hazard pointers after Michael, <i>Hazard pointers: safe memory reclamation for lock-free
 * objects</i> (IEEE TPDS 2004), in the shape of Concurrency Kit's {@code ck_hp}.
 *
 * <h2>Implementation notes</h2>
 * Each thread owns {@code slots} hazard pointers. To use a node, a reader publishes its address
 * in a slot, fences, and re-reads the link it came from: if the link still points to the node,
 * the node was reachable after the hazard became visible, so no scan that starts later can free it.
 * If the link changed, it retries with the new value. A writer keeps its retired nodes in a
 * private list; when the list reaches {@code batch} nodes it scans: it collects every published
 * hazard of every thread (after a fence) and frees each retired node that no hazard names; the
 * rest stay for the next scan. At most H (all slots of all threads) nodes survive a scan, so a
 * thread never holds more than H + batch retired nodes: memory is bounded even when a reader
 * stalls, which is the point of the scheme. Michael's amortization wants batch = H + Omega(H);
 * with the defaults (2 slots) that holds up to 21 threads.
 * <p>Protection is per node, and the outermost {@code exit} drops every protection of the thread.
 * A link that reads null needs no protection: {@code protect} returns at once, publishing nothing
 * and fencing nothing (the slot keeps its previous value, which only keeps that node a little
 * longer; a chain's last node pays no fence for its null successor).
 * It does so with one store: the record's word says whether the thread is inside a section (1) or
 * not (0), and a scan ignores the slots of a record whose word is 0. The slots keep their stale
 * values; the next section's protects overwrite them, and until then a stale slot only makes a
 * scan keep a node a little longer (never free one early), within the same bound of H. Clearing
 * every slot at exit instead measured 2 to 3 times the cost of a section on this lab's x86 VMs
 * (about 11 ns against 4 to 6 for publish, fence and re-validate alone). A structure traversed
 * under hazard pointers must also check that the node it stands on was not unlinked meanwhile (see
 * {@code SmrHashSet}): a validated link out of a removed node proves nothing.
 *
 * <h2>Barrier pairs</h2>
 * <table>
 * <tr><th>this access (thread A)</th><th>pairs with (thread B)</th><th>so that</th></tr>
 * <tr><td>enter: {@code setOpaque(word = 1)}; protect: {@code setRelease} of the hazard, {@code fullFence},
 *         {@code getAcquire} re-read of the link</td>
 *     <td>writer: unlink store, retire; scan: {@code fullFence}, {@code getAcquire} of each record's word,
 *         then of its slots</td>
 *     <td>store-buffering pair: A's re-read sees the unlink (and retries), or B's scan sees both A's word
 *         and A's hazard (both stored before A's fence) and keeps the node</td></tr>
 * <tr><td>exit: {@code setRelease(word = 0)}</td><td>scan: {@code getAcquire} of the word, reading 0</td>
 *     <td>A's accesses in the section happen-before B's free</td></tr>
 * <tr><td>slot reuse: {@code setRelease} of a new hazard over the old</td><td>scan: {@code getAcquire} of the slot</td>
 *     <td>A's accesses to the old node happen-before B's free of it</td></tr>
 * </table>
 * The fence is followed by an acquire load, never by a second fence with only plain loads between:
 * that is the shape in which C2 drops a {@code VarHandle.fullFence()} (docs/design.md, "Toolchain facts").
 * <p>What Java adds: a hazard is a reference store into the record's slot array, and under G1,
 * once that array lies outside a young region, the store's post-write barrier takes its slow path,
 * which begins with a StoreLoad ({@code lock addl} on x86) before it looks at the card: a second
 * locked instruction per publication, beside protect's own fence (seen in C2's code; see
 * {@code LookupCostBench} in the bench module). It is the collector's, not the algorithm's.
 * Publishing something other than a reference would avoid it, but not with an exact bound.</p>
 *
 * <h2>Asymmetric fences ({@code hp-asym}, or {@code barrier=membarrier} on {@code hp})</h2>
 * Folly's hazptr and the Linux hazard-pointer proposals move the cost of the store-load fence from
 * the reader, who pays it on every protect, to the reclaimer, who scans once per {@code batch}
 * retires: protect publishes the hazard and re-reads the link with no fence at all (Folly's
 * {@code asymmetric_thread_fence_light}, a compiler barrier), and the scan first issues a
 * process-wide barrier (Folly's {@code asymmetric_thread_fence_heavy}: here {@code membarrier(2)},
 * see {@link Membarrier}), which makes every running thread execute a full barrier.
 * <table>
 * <tr><th>this access (thread A)</th><th>pairs with (thread B)</th><th>so that</th></tr>
 * <tr><td>protect: {@code setRelease} of the hazard, then {@code getAcquire} re-read of the link, no fence
 *         (C2 keeps the two in program order: both are ordered VarHandle accesses)</td>
 *     <td>writer: unlink; scan: {@code membarrier}, {@code fullFence}, {@code getAcquire} of the word and the slots</td>
 *     <td>the barrier ran on A's CPU either before A's re-read, which then sees the unlink, or after A's
 *         hazard store, which B's scan then sees</td></tr>
 * </table>
 * Where membarrier is unavailable (JDK before 22, or not Linux), {@code barrier=auto} falls back to
 * the fenced protect and {@link #name()} says {@code barrier=fence}; {@code barrier=membarrier}
 * refuses to build. The price moves, it does not vanish: one membarrier per scan (microseconds, and
 * an interruption of every running thread of the process) against one fence per protect.
 *
 * <h2>Knobs</h2>
 * {@code slots}: hazard pointers per thread; {@code batch}: retired nodes per scan (R); {@code seal}: also
 * scan, at a retire, once the first node retired since the last scan has waited that long (the
 * pipeline's seal knob, see {@code AbstractSession}; here there is no batch to seal, so the scan
 * itself is what comes sooner);
 * {@code barrier}: {@code fence} (the default on {@code hp}: Michael's fenced protect),
 * {@code membarrier}, or {@code auto} (the default on {@code hp-asym}: membarrier where available).
 */
public final class HazardPointers<T> extends AbstractReclaimer<T> {
    /** The record's word: inside a read section, so its hazard slots count. */
    static final long IN_SECTION = 1;
    /** The record's word: outside any section; its slots are ignored (the registry's idle value). */
    static final long OUTSIDE = 0;

    private final int slots;
    private final boolean membarrier;

    /** The catalogue entry of {@code hp}: Michael's fenced protect unless {@code barrier} says otherwise. */
    public static final EngineType TYPE = EngineType.named("hp")
            .summary("Michael's hazard pointers: publish, fence, re-validate; scan every batch retires")
            .models("Michael, Hazard pointers (IEEE TPDS 2004); Concurrency Kit ck_hp")
            .family(EngineType.Family.POINTER)
            .knobs(Knob.batch(64), Knob.integer("slots", 2, 1, 64, "hazard slots per thread"), Knob.seal(),
                    AsymmetricBarrier.knob("fence", "fence: Michael's fenced protect; membarrier: no fence in protect, "
                            + "a membarrier per scan (as hp-asym); auto: membarrier where available"))
            .protectionPerLoad()
            .factory(HazardPointers::new);

    /** The catalogue entry of {@code hp-asym}: the same engine, membarrier wherever the JVM reaches it. */
    public static final EngineType ASYM = EngineType.named("hp-asym")
            .summary("hazard pointers with asymmetric fences (Folly hazptr): protect without a fence, a membarrier per scan")
            .models("Folly hazptr's asymmetric_thread_fence_light/heavy (folly/synchronization/Hazptr*.h); "
                    + "the Linux kernel's hazard-pointer proposals; Michael (IEEE TPDS 2004)")
            .family(EngineType.Family.POINTER)
            .knobs(Knob.batch(64), Knob.integer("slots", 2, 1, 64, "hazard slots per thread"), Knob.seal(),
                    AsymmetricBarrier.knob())
            .protectionPerLoad()
            .factory(HazardPointers::new);

    public HazardPointers(KnobValues config, Consumer<? super T> free) {
        super(config, free, 0, config.intValue("slots"));
        this.slots = config.intValue("slots");
        this.membarrier = AsymmetricBarrier.resolve(config);
    }

    public int slots() {
        return slots;
    }

    /** Whether protect goes without its fence because every scan issues membarrier. */
    public boolean usesMembarrier() {
        return membarrier;
    }

    @Override
    protected java.util.Map<String, String> resolvedKnobs() {
        return java.util.Map.of(AsymmetricBarrier.KNOB, AsymmetricBarrier.render(membarrier));
    }

    @Override
    protected AbstractSession<T> newSession() {
        return new HpSession<>(this);
    }

    static final class HpSession<T> extends AbstractSession<T> {
        private final HazardPointers<T> hp;
        private final int slots;
        /** protect fences (Michael), or leaves the store-load order to the scan's membarrier (asymmetric). */
        private final boolean fenced;
        /** The retired list (Michael's rlist), unbatched: nodes stay until a scan finds them unprotected. */
        private Object[] retired;
        private int count;
        private final IdentitySet hazards = new IdentitySet();
        private Batch freeable = new Batch(16);
        /** nanoTime of the first node retired since the last scan ({@code seal} knob only). */
        private long firstUnscanned;

        HpSession(HazardPointers<T> hp) {
            super(hp);
            this.hp = hp;
            this.slots = hp.slots;
            this.fenced = !hp.membarrier;
            this.retired = new Object[Math.max(16, batchSize * 2)];
        }

        @Override
        public void enter() {
            if (record.depth++ == 0) { // the depth lives in the record's padded owner block
                record.spWord(IN_SECTION); // ordered before the hazards by protect's fence
            }
        }

        @Override
        public void exit() {
            if (--record.depth == 0) {
                record.soWord(OUTSIDE); // drops every protection at once: scans skip this record's slots
            }
        }

        @Override
        public T protect(int slot, AtomicReference<T> source) {
            if (slot < 0 || slot >= slots) {
                throw new IllegalArgumentException(hp.name() + ": hazard slot " + slot + " out of range 0.." + (slots - 1));
            }
            T p = source.getAcquire();
            for (;;) {
                if (p == null) {
                    return null; // nothing to protect: no hazard, no fence (the slot keeps its old value, within the bound)
                }
                record.soSlot(slot, p);   // release: the uses of the node this slot held happen-before a scan that sees p
                if (fenced) {
                    VarHandle.fullFence(); // StoreLoad: the hazard is visible before the link is re-read
                } // else: the scan's membarrier orders them (asymmetric fence)
                T q = source.getAcquire();
                if (q == p) {
                    return p;
                }
                p = q;
            }
        }

        @Override
        public void retire(T node) {
            if (closed) {
                throw new IllegalStateException(hp.name() + ": retire() on a closed session");
            }
            if (count == retired.length) {
                retired = Arrays.copyOf(retired, count * 2);
            }
            if (sealNanos > 0 && count == hazards.lastKept) {
                firstUnscanned = System.nanoTime(); // the first node retired since the last scan
            }
            retired[count++] = node;
            counters.retired(1);
            if (count >= batchSize + hazards.lastKept
                    || sealNanos > 0 && System.nanoTime() - firstUnscanned >= sealNanos) {
                scan();
            }
        }

        /** Michael's Scan: collect every hazard, free what none names. */
        private void scan() {
            adoptOrphans();
            counters.scan();
            if (hp.membarrier) {
                hp.faultPoint(FaultInjector.Point.BARRIER); // a barrier that fails leaves the retired list as it was
                Membarrier.barrier(); // the heavy half of the asymmetric fence: every running thread fences
                counters.membarrier();
            }
            VarHandle.fullFence(); // pairs with protect's fence
            hazards.clear();
            for (ThreadRecord r : hp.registry.snapshot()) {
                if (r.laWord() == OUTSIDE) {
                    continue; // not in a section: its slots are stale, it protects nothing
                }
                for (int i = 0, n = r.slots(); i < n; i++) {
                    Object h = r.laSlot(i);
                    if (h != null) {
                        hazards.add(h);
                    }
                }
            }
            if (freeable.nodes.length < count) {
                freeable = new Batch(count);
            }
            Batch free = freeable;
            int kept = 0;
            for (int i = 0; i < count; i++) {
                Object node = retired[i];
                retired[i] = null;
                if (hazards.contains(node)) {
                    retired[kept++] = node;
                } else {
                    free.nodes[free.size++] = node;
                }
            }
            count = kept;
            hazards.lastKept = kept; // scan again after another batch beyond what is pinned
            if (free.size > 0) {
                hp.freeBatch(free, counters);
            }
        }

        private void adoptOrphans() {
            if (!hp.hasOrphans()) {
                return;
            }
            for (Batch b = hp.takeOrphans(); b != null; b = b.next) {
                for (int i = 0; i < b.size; i++) {
                    if (count == retired.length) {
                        retired = Arrays.copyOf(retired, count * 2);
                    }
                    retired[count++] = b.nodes[i];
                }
            }
        }

        @Override
        public void flush() {
            if (!closed && (count > 0 || hp.hasOrphans())) {
                scan();
            }
        }

        @Override
        public void barrier() {
            if (closed) {
                return;
            }
            scanUntilFreed(this::scan, () -> count);
        }

        @Override
        public void close() {
            if (closed) {
                return;
            }
            goOffline();
            closed = true;
            if (count > 0) {
                Batch b = new Batch(count);
                System.arraycopy(retired, 0, b.nodes, 0, count);
                b.size = count;
                Arrays.fill(retired, 0, count, null);
                count = 0;
                hp.handOn(b);
            }
            hp.registry.release(record);
        }

        @Override
        public long pendingHere() {
            return count;
        }

        @Override
        protected long sealGoal() {
            throw new AssertionError("hp does not use the goal pipeline");
        }

        @Override
        protected boolean reached(long goal) {
            throw new AssertionError("hp does not use the goal pipeline");
        }

        @Override
        protected void awaitGoal(long goal) {
            throw new AssertionError("hp does not use the goal pipeline");
        }

        @Override
        protected void goOffline() {
            record.depth = 0;
            record.soWord(OUTSIDE);
            for (int i = 0; i < slots; i++) {
                record.soSlot(i, null); // a reused record starts clean
            }
        }
    }

    /** An open-addressing identity set, reused across scans so a scan allocates only its free batch. */
    static final class IdentitySet {
        private Object[] table = new Object[64];
        private int size;
        int lastKept;

        void clear() {
            if (size > 0) {
                Arrays.fill(table, null);
                size = 0;
            }
        }

        void add(Object o) {
            if ((size + 1) * 2 > table.length) {
                Object[] old = table;
                table = new Object[old.length * 2];
                size = 0;
                for (Object e : old) {
                    if (e != null) {
                        add(e);
                    }
                }
            }
            int mask = table.length - 1;
            int i = System.identityHashCode(o) & mask;
            while (table[i] != null) {
                if (table[i] == o) {
                    return;
                }
                i = (i + 1) & mask;
            }
            table[i] = o;
            size++;
        }

        boolean contains(Object o) {
            if (size == 0) {
                return false;
            }
            int mask = table.length - 1;
            int i = System.identityHashCode(o) & mask;
            Object e;
            while ((e = table[i]) != null) {
                if (e == o) {
                    return true;
                }
                i = (i + 1) & mask;
            }
            return false;
        }
    }
}

package org.smrlab.smr.engine;

import org.smrlab.smr.Session;

/**
 * What every engine's session shares: its record, its counters, and the batch pipeline.
 *
 * <h2>Implementation notes: the batch pipeline</h2>
 * <pre>
 *   retire(node) ──► open batch ──(full)──► seal: goal = sealGoal() ──► sealed FIFO ──(reached(goal) and released(b))──► free
 *                                                  │ (from retire only)
 *                                                  └──► afterSealFromRetire(b)   pserialize, rwlock, psref, localcount: wait here
 * </pre>
 * A batch is sealed when it fills ({@code batch} knob), on {@link #flush()}, {@link #barrier()} and
 * {@link #close()}. Each seal then reclaims: it frees batches from the head of the FIFO while their
 * goal is reached, and stops at the first that is not. Goals within one session only grow, so the
 * first failure means the rest would fail too; the check is one {@link #reached} call, which for
 * gus is a {@code smr_poll(goal, false)} that usually returns without a scan. This is where UMA
 * checks a bucket's sequence too: when the bucket is next wanted, never by waiting.
 *
 * <p><b>Time-based sealing</b> ({@code seal} knob). A batch that fills slowly strands its nodes: at one
 * retire per 10 ms, a 64-node batch seals after 640 ms, and its nodes are freed only at a later seal
 * (the reclaim after a seal is the only place sealed batches are polled), so they wait longer than
 * the batch took to fill (RetireRateBench at every=10ms measures it: the low-rate workload of
 * {@code scripts/lab workloads}). With {@code seal=D}, a retire
 * adds its node to the open batch, then seals the batch if its oldest node has waited D (or it is
 * full), else polls the sealed batches if D has passed since the last poll. A node then waits at most about max(D, the time to the session's next
 * retire) before its batch is sealed, and is freed at the first retire (or flush) after its goal is
 * reached and D has passed. Nothing happens between retires: there is no timer thread (one would
 * wake and interrupt as a ticker does; UMA has none either), so a session that stops retiring keeps
 * its last partial batch until it retires again, flushes or closes. The cost is one
 * {@code System.nanoTime()} per retire, paid only when the knob is set; 0 (the default) keeps the
 * retire path exactly as above.
 *
 * <p>A session is confined to its thread; nothing here is shared except through the record and
 * the domain's hand-on list. {@code released(b)} is true for every engine whose goal alone proves a
 * batch safe; psref and localcount also wait, per node, for the references threads still hold.
 * Engines whose reclamation is not goal-based override {@link #retire}, {@link #flush()} and
 * {@link #barrier()}: hp (and {@link #close()}), ibr and he (through {@code EraSession}, which hands
 * its retired list on in {@link #goOffline()} and leaves close to this class).
 */
public abstract class AbstractSession<T> implements Session<T> {
    /** Spare batches kept for reuse; beyond this they are left to the garbage collector. */
    private static final int MAX_SPARES = 4;

    protected final AbstractReclaimer<T> domain;
    protected final ThreadRecord record;
    protected final Counters counters;
    final Thread ownerThread;
    protected final int batchSize;

    /** The {@code seal} knob, in nanoseconds; 0: seal only full batches. */
    protected final long sealNanos;
    private Batch open;
    private long openSince;    // nanoTime of the open batch's first node (seal knob only)
    private long lastPoll;     // nanoTime of the last reclaim from a retire (seal knob only)
    private Batch head, tail;  // sealed, oldest first
    private Batch spare;       // recycled, linked by next
    private int spares;
    protected boolean closed;

    protected AbstractSession(AbstractReclaimer<T> domain) {
        this.domain = domain;
        this.ownerThread = Thread.currentThread();
        this.batchSize = domain.batch;
        this.sealNanos = domain.sealNanos;
        ThreadRecord r = domain.registry.acquire(this);
        if (r == null) {
            throw domain.joinAfterClose();
        }
        this.record = r;
        this.counters = record.counters;
        this.open = new Batch(batchSize);
    }

    // ------------------------------------------------------------------ engine hooks

    /** The goal that proves a batch sealed now safe; may advance a clock. Never waits on readers. */
    protected abstract long sealGoal();

    /** Whether {@code goal} is reached; never waits. Counts its own polls. */
    protected abstract boolean reached(long goal);

    /** Waits until {@code goal} is reached. */
    protected abstract void awaitGoal(long goal);

    /** Called after a seal caused by {@link #retire}; the blocking engines wait here, through {@link #block}. */
    protected void afterSealFromRetire(long goal) {
    }

    /**
     * The pipeline's blocking wait for {@code goal} ({@link #barrier()}, the blocking engines'
     * retire): a {@link FaultInjector.Point#WAIT} fault point, then {@link #awaitGoal}. A wait that
     * fails (injected, or interrupted) throws to the caller; the batch stays sealed in the FIFO.
     */
    protected final void block(long goal) {
        domain.faultPoint(FaultInjector.Point.WAIT);
        awaitGoal(goal);
    }

    /**
     * Called after a seal caused by {@link #retire}, with the batch just sealed; by default waits as
     * {@link #afterSealFromRetire(long)} does. Engines that wait per node (psref, localcount) override it.
     */
    protected void afterSealFromRetire(Batch sealed) {
        afterSealFromRetire(sealed.goal);
    }

    /**
     * Whether the nodes of a batch whose goal is reached are free of references: engines that also
     * track references per node (psref's per-thread reference lists, localcount's per-thread counts)
     * answer no while a thread still holds one (psref_target_destroy and localcount_drain wait for
     * exactly that). Never waits. By default yes: the goal alone proves a batch safe.
     */
    protected boolean released(Batch b) {
        return true;
    }

    /** Waits until {@link #released(Batch)} would say yes; only the engines that override it need to. */
    protected void awaitReleased(Batch b) {
    }

    /** Restores the record's idle value as the session leaves (leaving any section it is in). */
    protected abstract void goOffline();

    /**
     * The goal of a batch handed on by another session, in this session's terms. A goal is only
     * meaningful against the clock that issued it: engines whose goals come from one domain-wide
     * clock (a sequence, an epoch, a counter, a generation) keep it as sealed, which is the default.
     * An engine whose clock is private to the session (rwlock's write cycles) returns a fresh goal
     * from its own clock, as UMA stamps a bucket freed from another domain with a fresh sequence:
     * the batch then waits for something that begins after the adoption, hence after every unlink
     * of the closed session (its hand-on happens-before the adoption, through the domain's lock).
     */
    protected long adoptedGoal(long sealedGoal) {
        return sealedGoal;
    }

    // ------------------------------------------------------------------ retire pipeline

    @Override
    public void retire(T node) {
        if (closed) {
            throw new IllegalStateException(domain.name() + ": retire() on a closed session");
        }
        if (sealNanos > 0) {
            retireSealing(node);
            return;
        }
        Batch b = open;
        b.nodes[b.size++] = node;
        counters.retired(1);
        if (b.size == b.nodes.length) {
            open = takeSpare();
            seal(b);
            afterSealFromRetire(b);
            reclaim();
        }
    }

    /**
     * {@link #retire} with the {@code seal} knob set: seal by age as well as by size (see the notes).
     * As in {@link #retire}, the node is recorded in the open batch before anything that may throw (a
     * seal, a blocking engine's wait, a free), so a failure there loses nothing.
     */
    private void retireSealing(T node) {
        long now = System.nanoTime();
        Batch b = open;
        boolean aged = b.size > 0 && now - openSince >= sealNanos;
        if (b.size == 0) {
            openSince = now;
        }
        b.nodes[b.size++] = node;
        counters.retired(1);
        if (aged || b.size == b.nodes.length) {
            open = takeSpare();
            lastPoll = now;
            long goal = seal(b); // full, or its oldest node has waited long enough: seal what there is
            afterSealFromRetire(goal);
            reclaim();
        } else if (head != null && now - lastPoll >= sealNanos) {
            lastPoll = now;
            reclaim(); // sealed batches wait: poll them, at most once per seal period
        }
    }

    private long seal(Batch b) {
        long goal = sealGoal();
        b.goal = goal;
        b.drainGoal = 0;
        b.next = null;
        if (tail == null) {
            head = b;
        } else {
            tail.next = b;
        }
        tail = b;
        return goal;
    }

    /** Frees sealed batches from the head while their goal is reached; adopts handed-on batches first. */
    protected final void reclaim() {
        if (domain.hasOrphans()) {
            adoptOrphans();
        }
        Batch b;
        while ((b = head) != null && reached(b.goal) && released(b)) {
            dequeueAndFree(b);
        }
    }

    private void dequeueAndFree(Batch b) {
        head = b.next;
        if (head == null) {
            tail = null;
        }
        b.next = null;
        domain.freeBatch(b, counters);
        recycle(b);
    }

    /**
     * Takes the batches handed on by closed sessions. Kept goals are older than ours as a rule, so
     * those batches go to the front; re-stamped ones are as new as a batch sealed now, so they go to
     * the back. Either way goals stay in order along the FIFO, which {@link #reclaim} relies on.
     */
    private void adoptOrphans() {
        Batch chain = domain.takeOrphans();
        if (chain == null) {
            return;
        }
        boolean restamped = false;
        Batch last = chain;
        for (Batch b = chain; b != null; b = b.next) {
            long goal = adoptedGoal(b.goal);
            restamped |= goal != b.goal;
            b.goal = goal;
            last = b;
        }
        if (head == null) {
            head = chain;
            tail = last;
        } else if (restamped) {
            tail.next = chain;
            tail = last;
        } else {
            last.next = head;
            head = chain;
        }
    }

    @Override
    public void flush() {
        if (closed) {
            return;
        }
        if (open.size > 0) {
            Batch b = open;
            open = takeSpare();
            seal(b);
        }
        reclaim();
    }

    @Override
    public void barrier() {
        if (closed) {
            return;
        }
        if (open.size > 0) {
            Batch b = open;
            open = takeSpare();
            seal(b);
        }
        Batch b;
        while ((b = head) != null) {
            if (!reached(b.goal)) {
                block(b.goal);
            }
            if (!released(b)) {
                awaitReleased(b);
            }
            dequeueAndFree(b);
        }
    }

    @Override
    public void quiescent() {
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        goOffline();
        leave();
    }

    /** Seals what is open, hands every batch to the domain, and returns the record. */
    private void leave() {
        closed = true;
        if (open.size > 0) {
            seal(open);
        }
        open = null;
        domain.handOn(head);
        head = tail = null;
        spare = null;
        domain.registry.release(record);
    }

    /** Called by the domain's close() for a session whose thread died without closing it. */
    final void abandon() {
        if (!closed) {
            goOffline();
            leave();
        }
    }

    // ------------------------------------------------------------------ spares

    private Batch takeSpare() {
        Batch s = spare;
        if (s == null) {
            return new Batch(batchSize);
        }
        spare = s.next;
        s.next = null;
        spares--;
        return s;
    }

    private void recycle(Batch b) {
        if (spares < MAX_SPARES && b.nodes.length == batchSize) {
            b.next = spare;
            spare = b;
            spares++;
        }
    }

    /** Nodes retired by this session and not yet freed (its open and sealed batches). */
    public long pendingHere() {
        long n = open == null ? 0 : open.size;
        for (Batch b = head; b != null; b = b.next) {
            n += b.size;
        }
        return n;
    }

    public final Thread ownerThread() {
        return ownerThread;
    }

    public final boolean isClosed() {
        return closed;
    }

    @Override
    public String toString() {
        return domain.name() + " session of " + ownerThread.getName() + (closed ? " (closed)" : "");
    }

    /**
     * barrier() of the engines that free by scanning (hp, hp-asym, ibr, he): scan, and while nodes of
     * this session are still held, back off and scan again. The first pass that finds nodes held is
     * a blocking wait: the fault point a test can make fail (the nodes stay on the retired list), the
     * wait counted, and its time accounted as the writer's blocked time, as every engine's waits are.
     */
    protected final void scanUntilFreed(Runnable scan, java.util.function.IntSupplier held) {
        Backoff backoff = null;
        long t0 = 0;
        scan.run();
        while (held.getAsInt() > 0) {
            if (backoff == null) {
                domain.faultPoint(FaultInjector.Point.WAIT); // a wait that fails leaves the nodes on the retired list
                t0 = counters.beginWait();
                backoff = new Backoff();
            }
            backoff.pause();
            scan.run();
        }
        if (backoff != null) {
            domain.endWait(counters, t0);
        }
    }
}

package org.smrlab.smr.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The padded blocks (issue 9) are where the class hierarchy says, on this JVM: a field written on
 * every enter, exit or advance sits at least 128 bytes from the object's start, from every field
 * outside its block, and from the object's end, so its owner's writes share no line (nor
 * adjacent-line pair) with anything another thread reads. HotSpot places a subclass's narrow
 * field into any hole a superclass leaves, which is how a padding can silently stop working; this
 * reads the offsets the JVM chose ({@code Unsafe.objectFieldOffset}).
 */
class PaddingTest {
    private static final int PAD = 128;

    record Slot(String name, long offset, int size) {
    }

    @Test
    void threadRecordKeepsItsSharedWordAndItsOwnerBlockApart() throws Exception {
        checkBlocks("org.smrlab.smr.engine.ThreadRecord", Set.of("word"), Set.of("depth", "deferred"));
    }

    @Test
    void checkedModeKeepsItsSectionStateInABlockOfItsOwn() throws Exception {
        checkBlocks("org.smrlab.smr.checked.CheckedGraceSession", Set.of("depth", "closed"));
        checkBlocks("org.smrlab.smr.checked.Sleepable$Depth", Set.of("n"));
    }

    @Test
    void bucketHeadsLieAPaddedObjectApart() throws Exception {
        List<Slot> slots = slots(Class.forName("org.smrlab.smr.set.SmrHashSet$BucketHead"));
        assertThat(slots.stream().filter(s -> s.name().equals("value"))).as("the link, AtomicReference's one field").hasSize(1);
        assertThat(end(slots)).as("a head's size: the distance from one head's link to the next one's").isGreaterThanOrEqualTo(PAD);
    }

    /** Every block: at least PAD bytes from the start, the end, and every field outside it (padding aside). */
    @SafeVarargs
    private static void checkBlocks(String className, Set<String>... blocks) throws Exception {
        List<Slot> slots = slots(Class.forName(className));
        long end = end(slots);
        for (Set<String> block : blocks) {
            assertThat(slots.stream().map(Slot::name).filter(block::contains).count())
                    .as(className + " declares every field of " + block).isEqualTo(block.size());
            for (Slot hot : slots) {
                if (!block.contains(hot.name())) {
                    continue;
                }
                assertThat(hot.offset()).as(className + "." + hot.name() + " from the object's start").isGreaterThanOrEqualTo(PAD);
                assertThat(end - hot.offset()).as(className + "." + hot.name() + " from the object's end").isGreaterThan(PAD);
                for (Slot other : slots) {
                    if (block.contains(other.name()) || isPad(other.name())) {
                        continue;
                    }
                    assertThat(Math.abs(other.offset() - hot.offset()))
                            .as(className + "." + hot.name() + " @" + hot.offset() + " vs " + other.name() + " @" + other.offset())
                            .isGreaterThanOrEqualTo(PAD);
                }
            }
        }
    }

    private static boolean isPad(String name) {
        return name.matches("[pqmr]\\d{2,3}");
    }

    private static long end(List<Slot> slots) {
        return slots.stream().mapToLong(s -> s.offset() + s.size()).max().orElse(0);
    }

    private static List<Slot> slots(Class<?> c) throws Exception {
        Field f = sun.misc.Unsafe.class.getDeclaredField("theUnsafe");
        f.setAccessible(true);
        sun.misc.Unsafe unsafe = (sun.misc.Unsafe) f.get(null);
        List<Slot> out = new ArrayList<>();
        for (Class<?> k = c; k != null && k != Object.class; k = k.getSuperclass()) {
            for (Field field : k.getDeclaredFields()) {
                if (Modifier.isStatic(field.getModifiers())) {
                    continue;
                }
                out.add(new Slot(field.getName(), unsafe.objectFieldOffset(field), size(field.getType())));
            }
        }
        return out;
    }

    private static int size(Class<?> t) {
        if (t == long.class || t == double.class) {
            return 8;
        }
        if (t == int.class || t == float.class) {
            return 4;
        }
        if (t == short.class || t == char.class) {
            return 2;
        }
        if (t == byte.class || t == boolean.class) {
            return 1;
        }
        return 4; // a reference: compressed oops on every heap the lab runs
    }
}

package org.switchboard.core.routing;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.jspecify.annotations.Nullable;

/**
 * Contacts waiting at one routing target, in routing order, with their positions. A sorted list cut into chunks
 * of a few hundred: the head and the tail (where nearly all traffic goes) cost {@code O(1)}, an insertion in the
 * middle (a high-priority arrival) costs a binary search and a short array move, and the number of contacts ahead
 * of any contact, which callers are told as their position, costs a pass over the chunk sizes from the nearer
 * end (none for an arrival at the tail). A red-black tree
 * would answer positions only by walking every contact ahead, and spend 40 bytes a contact on its nodes.
 */
final class WaitingLine implements Iterable<Contact> {

    private static final int MAX_CHUNK = 512;

    private final List<ArrayList<Contact>> chunks = new ArrayList<>();
    private int size;
    /** {@code chunks[0][0]}, kept apart: the matcher asks every eligible line for its head on every decision. */
    private @Nullable Contact head;

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    /** The contact to serve first, or null. */
    @Nullable
    Contact first() {
        return head;
    }

    /**
     * The first contact that {@code agent} has not rejected, or null: walks past the ones it rejected, which are few
     * (each needs a rejection by this agent).
     */
    @Nullable
    Contact firstNotDeclinedBy(Agent agent, long nowMs) {
        for (Contact contact : this) {
            if (!contact.isDeclinedBy(agent, nowMs)) {
                return contact;
            }
        }
        return null;
    }

    void add(Contact contact) {
        if (chunks.isEmpty()) {
            chunks.add(new ArrayList<>());
        }
        int c = chunkFor(contact);
        ArrayList<Contact> chunk = chunks.get(c);
        chunk.add(insertionPoint(chunk, contact), contact);
        size++;
        head = chunks.get(0).get(0);
        if (chunk.size() > MAX_CHUNK) {
            ArrayList<Contact> upper = new ArrayList<>(chunk.subList(MAX_CHUNK / 2, chunk.size()));
            chunk.subList(MAX_CHUNK / 2, chunk.size()).clear();
            chunks.add(c + 1, upper);
        }
    }

    /** Removes the contact if it is here; true when it was. */
    boolean remove(Contact contact) {
        if (size == 0) {
            return false;
        }
        int c = chunkFor(contact);
        ArrayList<Contact> chunk = chunks.get(c);
        int i = insertionPoint(chunk, contact);
        if (i >= chunk.size() || chunk.get(i) != contact) {
            return false;
        }
        chunk.remove(i);
        size--;
        if (chunk.isEmpty()) {
            chunks.remove(c);
        }
        head = size == 0 ? null : chunks.get(0).get(0);
        return true;
    }

    /** How many contacts here come before {@code contact} in routing order (it need not be here). */
    int countAhead(Contact contact) {
        if (size == 0) {
            return 0;
        }
        int c = chunkFor(contact);
        int inChunk = insertionPoint(chunks.get(c), contact);
        if (c < chunks.size() / 2) {
            int ahead = inChunk;
            for (int i = 0; i < c; i++) {
                ahead += chunks.get(i).size();
            }
            return ahead;
        }
        int behind = chunks.get(c).size() - inChunk;
        for (int i = c + 1; i < chunks.size(); i++) {
            behind += chunks.get(i).size();
        }
        return size - behind;
    }

    /** The first chunk whose last contact is not before {@code contact}; the last chunk when there is none. */
    private int chunkFor(Contact contact) {
        int low = 0;
        int high = chunks.size() - 1;
        while (low < high) {
            int mid = (low + high) >>> 1;
            ArrayList<Contact> chunk = chunks.get(mid);
            if (Contact.compareRouting(chunk.get(chunk.size() - 1), contact) < 0) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }

    /** Index of the first contact in {@code chunk} that is not before {@code contact}. */
    private static int insertionPoint(ArrayList<Contact> chunk, Contact contact) {
        int n = chunk.size();
        if (n == 0 || Contact.compareRouting(chunk.get(n - 1), contact) < 0) {
            return n;
        }
        int low = 0;
        int high = n - 1;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (Contact.compareRouting(chunk.get(mid), contact) < 0) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }

    @Override
    public Iterator<Contact> iterator() {
        return new Iterator<>() {
            private int chunk;
            private int index;

            @Override
            public boolean hasNext() {
                return chunk < chunks.size();
            }

            @Override
            public Contact next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                Contact next = chunks.get(chunk).get(index++);
                if (index == chunks.get(chunk).size()) {
                    chunk++;
                    index = 0;
                }
                return next;
            }
        };
    }
}

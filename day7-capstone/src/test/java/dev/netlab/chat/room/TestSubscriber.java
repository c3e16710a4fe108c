package dev.netlab.chat.room;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A subscriber that records what it is offered, or refuses everything. */
final class TestSubscriber implements Subscriber {
    final String name;
    final boolean refuses;
    final List<Outbound> got = new CopyOnWriteArrayList<>();

    TestSubscriber(String name, boolean refuses) {
        this.name = name;
        this.refuses = refuses;
    }

    static TestSubscriber named(String name) {
        return new TestSubscriber(name, false);
    }

    @Override
    public boolean offer(Outbound frame) {
        if (refuses) {
            return false;
        }
        got.add(frame);
        return true;
    }

    @Override
    public String toString() {
        return name;
    }
}

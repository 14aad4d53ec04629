package org.switchboard.storage;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/** Test fixture: a data source that counts the connections its users open, to see which calls reach the database. */
final class Connections {

    private final AtomicInteger opened = new AtomicInteger();
    private final DataSource counting;

    Connections(DataSource target) {
        this.counting = (DataSource) Proxy.newProxyInstance(
                DataSource.class.getClassLoader(), new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
                    if (method.getName().equals("getConnection")) {
                        opened.incrementAndGet();
                    }
                    try {
                        return method.invoke(target, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    /** The counting data source. */
    DataSource dataSource() {
        return counting;
    }

    int opened() {
        return opened.get();
    }
}

package dev.cumulus.store.jdbc;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

/** A data source that counts the statements prepared on its connections whose SQL starts with a given text. */
final class StatementCounter {

    private final DataSource dataSource;
    private final String prefix;
    private final AtomicInteger count = new AtomicInteger();

    StatementCounter(DataSource dataSource, String prefix) {
        this.dataSource = dataSource;
        this.prefix = prefix;
    }

    int count() {
        return count.get();
    }

    DataSource dataSource() {
        return proxy(DataSource.class, dataSource, (method, result) -> method.getName().equals("getConnection")
                ? proxy(Connection.class, (Connection) result, (m, r) -> r)
                : result);
    }

    private <T> T proxy(Class<T> type, T target, Wrapper wrapper) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[]{type}, (p, method, args) -> {
            if (method.getName().equals("prepareStatement") && args != null && args[0] instanceof String sql
                    && sql.startsWith(prefix)) {
                count.incrementAndGet();
            }
            try {
                return wrapper.wrap(method, method.invoke(target, args));
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }));
    }

    @FunctionalInterface
    private interface Wrapper {
        Object wrap(Method method, Object result);
    }
}

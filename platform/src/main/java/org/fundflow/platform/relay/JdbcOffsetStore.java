package org.fundflow.platform.relay;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.runtime.WorkerConfig;
import org.apache.kafka.connect.storage.MemoryOffsetBackingStore;

/**
 * Debezium source offsets kept in the service's own PostgreSQL ({@code relay_offset}), so the relay resumes exactly
 * where it stopped after a restart, on any replica, with nothing on local disk. Debezium instantiates it by class
 * name and passes the {@code offset.storage.jdbc.*} settings through its worker config.
 */
public class JdbcOffsetStore extends MemoryOffsetBackingStore {
    static final String URL = "offset.storage.jdbc.url";
    static final String USER = "offset.storage.jdbc.user";
    static final String PASSWORD = "offset.storage.jdbc.password";

    private String url;
    private String user;
    private String password;

    @Override
    public void configure(WorkerConfig config) {
        super.configure(config);
        Map<String, String> originals = config.originalsStrings();
        url = originals.get(URL);
        user = originals.get(USER);
        password = originals.get(PASSWORD);
        if (url == null) {
            throw new ConnectException(URL + " is required");
        }
    }

    @Override
    public synchronized void start() {
        super.start();
        Map<ByteBuffer, ByteBuffer> loaded = new HashMap<>();
        try (Connection c = DriverManager.getConnection(url, user, password);
                PreparedStatement ps = c.prepareStatement("SELECT offset_key, offset_value FROM relay_offset");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                loaded.put(bytes(rs.getString(1)), rs.getString(2) == null ? null : bytes(rs.getString(2)));
            }
        } catch (SQLException e) {
            throw new ConnectException("cannot read relay offsets", e);
        }
        data.putAll(loaded);
    }

    @Override
    protected void save() {
        try (Connection c = DriverManager.getConnection(url, user, password);
                PreparedStatement ps = c.prepareStatement("INSERT INTO relay_offset (offset_key, offset_value) "
                        + "VALUES (?, ?) ON CONFLICT (offset_key) DO UPDATE SET offset_value = EXCLUDED.offset_value,"
                        + " updated_at = now()")) {
            for (Map.Entry<ByteBuffer, ByteBuffer> e : data.entrySet()) {
                ps.setString(1, text(e.getKey()));
                ps.setString(2, e.getValue() == null ? null : text(e.getValue()));
                ps.addBatch();
            }
            ps.executeBatch();
        } catch (SQLException e) {
            throw new ConnectException("cannot save relay offsets", e);
        }
    }

    @Override
    public Set<Map<String, Object>> connectorPartitions(String connectorName) {
        return Set.of();
    }

    private static ByteBuffer bytes(String s) {
        return ByteBuffer.wrap(s.getBytes(StandardCharsets.UTF_8));
    }

    private static String text(ByteBuffer b) {
        ByteBuffer copy = b.duplicate();
        byte[] bytes = new byte[copy.remaining()];
        copy.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }
}

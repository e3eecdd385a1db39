package org.civicline.core.bus;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.MessageCodec;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.civicline.core.json.Jsons;

/**
 * Carries a message record over the event bus as JSON, so the same contract works on one node and across the
 * cluster. Locally the record is passed as it is: records are immutable.
 */
public final class JsonRecordCodec<T> implements MessageCodec<T, T> {
    private final Class<T> type;
    private final ObjectMapper mapper = Jsons.mapper();

    public JsonRecordCodec(Class<T> type) {
        this.type = type;
    }

    @Override
    public void encodeToWire(Buffer buffer, T value) {
        try {
            byte[] bytes = mapper.writeValueAsBytes(value);
            buffer.appendInt(bytes.length).appendBytes(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode " + type.getSimpleName(), e);
        }
    }

    @Override
    public T decodeFromWire(int pos, Buffer buffer) {
        int length = buffer.getInt(pos);
        try {
            return mapper.readValue(buffer.getBytes(pos + 4, pos + 4 + length), type);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot decode " + type.getSimpleName(), e);
        }
    }

    @Override
    public T transform(T value) {
        return value;
    }

    @Override
    public String name() {
        return "civicline-json:" + type.getName();
    }

    @Override
    public byte systemCodecID() {
        return -1;
    }
}

package dev.jloop.io;

import java.nio.ByteBuffer;
import java.util.List;
import org.apiguardian.api.API;

/**
 * asyncio's {@code WriteTransport}: buffered, never-blocking writes with flow control. When the
 * buffer goes above the high-water mark the protocol gets {@code pauseWriting()}; when it
 * drains to the low-water mark, {@code resumeWriting()}. Defaults as asyncio: 64 KiB high,
 * 16 KiB low. Loop thread only.
 */
@API(status = API.Status.STABLE, since = "0.1")
public interface WriteTransport extends BaseTransport {
  /** asyncio's default high-water mark: 64 KiB. */
  int DEFAULT_HIGH_WATER = 64 * 1024;

  /** Queues {@code data} (copied, or sent at once); empty data is ignored. */
  void write(byte[] data);

  /** Queues the remaining bytes of {@code data}; the buffer is consumed (position moves to limit). */
  void write(ByteBuffer data);

  /** Writes each chunk in order. */
  default void writelines(List<byte[]> chunks) {
    for (byte[] c : chunks) {
      write(c);
    }
  }

  /** Closes the write side after the buffer is flushed (half-close), if {@link #canWriteEof()}. */
  void writeEof();

  /** Whether {@link #writeEof()} is supported. */
  boolean canWriteEof();

  /** Closes now, discarding buffered data; {@code connectionLost(null)} follows. */
  void abort();

  /** Bytes buffered, not yet handed to the OS. */
  long getWriteBufferSize();

  /**
   * Sets the water marks. A negative {@code high} means the default (64 KiB, or 4 x low if low
   * is given); a negative {@code low} means high / 4.
   *
   * @throws IllegalArgumentException if, once defaults are applied, low &gt; high
   */
  void setWriteBufferLimits(int high, int low);

  /** Both water marks as asyncio's {@code get_write_buffer_limits()}: (low, high). */
  WaterMarks getWriteBufferLimits();

  /** The water marks of a transport's write buffer. */
  record WaterMarks(long low, long high) {}
}

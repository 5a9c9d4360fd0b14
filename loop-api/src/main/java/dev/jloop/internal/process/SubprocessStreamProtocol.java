package dev.jloop.internal.process;

import dev.jloop.EventLoop;
import dev.jloop.Future;
import dev.jloop.io.BaseTransport;
import dev.jloop.io.SubprocessProtocol;
import dev.jloop.io.SubprocessTransport;
import dev.jloop.io.WriteTransport;
import dev.jloop.streams.StreamReader;
import dev.jloop.streams.StreamReaderProtocol;
import dev.jloop.streams.StreamWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * asyncio's {@code SubprocessStreamProtocol}: turns a subprocess transport's pipes into a
 * {@link StreamWriter} (stdin) and {@link StreamReader}s (stdout, stderr), and closes the
 * transport once the child has exited and both output pipes have ended.
 *
 * <p>asyncio's writer takes this protocol for its flow control ({@code FlowControlMixin});
 * jloop's {@link StreamWriter} takes a {@link StreamReaderProtocol}, so the stdin writer gets
 * one of its own, to which this protocol forwards {@code pauseWriting}, {@code resumeWriting}
 * and the end of the stdin pipe. Loop thread only.
 */
public final class SubprocessStreamProtocol implements SubprocessProtocol {
  private final EventLoop loop;
  private final int limit;
  private final List<Integer> pipeFds = new ArrayList<>();
  private final List<Future<Integer>> exitWaiters = new ArrayList<>();
  private StreamReaderProtocol stdinFlow;
  private SubprocessTransport transport;
  private StreamWriter stdin;
  private StreamReader stdout;
  private StreamReader stderr;
  private boolean processExited;
  private boolean lost;

  public SubprocessStreamProtocol(EventLoop loop, int limit) {
    this.loop = loop;
    this.limit = limit;
  }

  @Override
  public void connectionMade(BaseTransport t) {
    transport = (SubprocessTransport) t;
    BaseTransport out = transport.getPipeTransport(1);
    if (out != null) {
      stdout = new StreamReader(loop, limit);
      stdout.setTransport(out);
      pipeFds.add(1);
    }
    BaseTransport err = transport.getPipeTransport(2);
    if (err != null) {
      stderr = new StreamReader(loop, limit);
      stderr.setTransport(err);
      pipeFds.add(2);
    }
    BaseTransport in = transport.getPipeTransport(0);
    if (in != null) {
      stdinFlow = new StreamReaderProtocol(loop, new StreamReader(loop));
      stdin = new StreamWriter((WriteTransport) in, stdinFlow, null, loop);
    }
  }

  @Override
  public void pipeDataReceived(int fd, byte[] data) {
    StreamReader r = fd == 1 ? stdout : fd == 2 ? stderr : null;
    if (r != null) {
      r.feedData(data);
    }
  }

  @Override
  public void pipeConnectionLost(int fd, Throwable exc) {
    if (fd == 0) {
      if (stdin != null) {
        stdin.close();
        stdinFlow.connectionLost(exc);
      }
      return;
    }
    StreamReader r = fd == 1 ? stdout : fd == 2 ? stderr : null;
    if (r != null) {
      if (exc == null) {
        r.feedEof();
      } else {
        r.setException(exc);
      }
    }
    pipeFds.remove(Integer.valueOf(fd));
    maybeCloseTransport();
  }

  @Override
  public void processExited() {
    processExited = true;
    maybeCloseTransport();
  }

  private void maybeCloseTransport() {
    if (pipeFds.isEmpty() && processExited) {
      transport.close();
    }
  }

  @Override
  public void pauseWriting() {
    if (stdinFlow != null) {
      stdinFlow.pauseWriting();
    }
  }

  @Override
  public void resumeWriting() {
    if (stdinFlow != null) {
      stdinFlow.resumeWriting();
    }
  }

  @Override
  public void connectionLost(Throwable exc) {
    lost = true;
    for (Future<Integer> w : exitWaiters) {
      if (!w.done()) {
        w.setResult(transport.getReturncode());
      }
    }
    exitWaiters.clear();
  }

  /**
   * asyncio's {@code transport._wait()}: the return code at once if the child has exited, else
   * once the transport is finished (exit seen and every pipe closed).
   */
  public Future<Integer> exitWaiter() {
    Future<Integer> f = loop.createFuture();
    Integer rc = transport.getReturncode();
    if (rc != null || lost) {
      f.setResult(rc);
    } else {
      exitWaiters.add(f);
    }
    return f;
  }

  public SubprocessTransport transport() {
    return transport;
  }

  public StreamWriter stdin() {
    return stdin;
  }

  public StreamReader stdout() {
    return stdout;
  }

  public StreamReader stderr() {
    return stderr;
  }
}

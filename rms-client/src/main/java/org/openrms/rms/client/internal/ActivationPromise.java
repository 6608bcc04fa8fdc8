package org.openrms.rms.client.internal;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.openrms.core.DrmException;
import org.openrms.core.HResult;
import org.openrms.rms.client.ActivationFuture;

/** The producer side of an {@link ActivationFuture}; completed once by the activation task. */
final class ActivationPromise implements ActivationFuture {
  private final CountDownLatch done = new CountDownLatch(1);
  private final CompletableFuture<String> future = new CompletableFuture<>();
  private final Runnable canceller;
  private volatile HResult status;
  private volatile String result;
  private volatile DrmException failure;

  ActivationPromise(Runnable canceller) {
    this.canceller = canceller;
  }

  /** A promise that is already complete (a CANCEL request that found nothing to cancel). */
  static ActivationPromise completed(HResult status) {
    ActivationPromise p = new ActivationPromise(() -> {});
    p.succeed(status, null);
    return p;
  }

  synchronized boolean succeed(HResult status, String result) {
    if (this.status != null) {
      return false;
    }
    this.result = result;
    this.status = status;
    done.countDown();
    future.complete(result);
    return true;
  }

  synchronized boolean fail(DrmException failure) {
    if (this.status != null) {
      return false;
    }
    this.failure = failure;
    this.status = failure.hresult();
    done.countDown();
    future.completeExceptionally(failure);
    return true;
  }

  @Override
  public boolean isDone() {
    return status != null;
  }

  @Override
  public HResult await(Duration timeout) throws TimeoutException, InterruptedException {
    if (!done.await(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
      throw new TimeoutException("the activation did not end within " + timeout);
    }
    return status;
  }

  @Override
  public String result() {
    if (!isDone()) {
      throw new IllegalStateException("the activation is still in progress");
    }
    if (failure != null) {
      throw failure;
    }
    return result;
  }

  @Override
  public boolean cancel() {
    if (isDone()) {
      return false;
    }
    canceller.run();
    return true;
  }

  @Override
  public CompletableFuture<String> toCompletableFuture() {
    return future.thenApply(r -> r);
  }
}

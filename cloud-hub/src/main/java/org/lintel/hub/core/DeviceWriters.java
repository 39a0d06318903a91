package org.lintel.hub.core;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.IntConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One writer per device: a few single-threaded stripes, the device choosing its stripe, so that all work about one
 * device runs in the order it was handed in and never on two threads at once. A domain that keeps state per device
 * (alarms today; maintenance counters tomorrow) keeps one map per stripe and touches it only from that stripe.
 */
public final class DeviceWriters implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DeviceWriters.class);

    private final String name;
    private final ExecutorService[] stripes;

    /** {@code name} names the threads ({@code name-0}, …) and the log lines of failed work. */
    public DeviceWriters(String name, int stripeCount) {
        if (stripeCount < 1) {
            throw new IllegalArgumentException("a device writer needs at least one stripe, not " + stripeCount);
        }
        this.name = name;
        this.stripes = new ExecutorService[stripeCount];
        for (int i = 0; i < stripeCount; i++) {
            String thread = name + "-" + i;
            stripes[i] = Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, thread);
                t.setDaemon(true);
                return t;
            });
        }
    }

    public int stripeCount() {
        return stripes.length;
    }

    /** The stripe whose thread owns this device's state. */
    public int stripeOf(DeviceKey device) {
        return Math.floorMod(device.hashCode(), stripes.length);
    }

    /** Runs {@code work} on the device's writer; a failure is logged and does not stop the writer. */
    public void submit(DeviceKey device, Runnable work) {
        stripes[stripeOf(device)].execute(() -> {
            try {
                work.run();
            } catch (RuntimeException e) {
                LOG.warn("event=device-work-failed writer={} site={} device={} reason=\"{}\"", name, device.site(), device.device(), e.toString());
            }
        });
    }

    /** Runs {@code work(stripe)} on every stripe's thread, for work over all the devices a stripe owns. */
    public void onEachStripe(IntConsumer work) {
        for (int i = 0; i < stripes.length; i++) {
            int stripe = i;
            stripes[i].execute(() -> {
                try {
                    work.accept(stripe);
                } catch (RuntimeException e) {
                    LOG.warn("event=stripe-work-failed writer={} stripe={} reason=\"{}\"", name, stripe, e.toString());
                }
            });
        }
    }

    /**
     * Runs {@code work} on the device's writer and waits for its answer: what a person asks of one device (acknowledge
     * an alarm) is serialized with what the device itself reports. A runtime exception of the work is thrown here.
     */
    public <T> T call(DeviceKey device, Callable<T> work, Duration timeout) {
        try {
            return stripes[stripeOf(device)].submit(work).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("the " + name + " writer of " + device + " did not answer within " + timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the " + name + " writer of " + device);
        }
    }

    /** Waits until every stripe has done what was handed to it before this call (for tests and orderly shutdown). */
    public void drain() {
        for (ExecutorService s : stripes) {
            try {
                s.submit(() -> { }).get(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while draining the " + name + " writers");
            } catch (ExecutionException | TimeoutException e) {
                throw new IllegalStateException("the " + name + " writers did not drain: " + e);
            }
        }
    }

    @Override
    public void close() {
        for (ExecutorService s : stripes) {
            s.shutdown();
        }
    }
}

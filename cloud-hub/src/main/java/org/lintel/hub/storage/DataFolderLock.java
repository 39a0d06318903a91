package org.lintel.hub.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The hub's claim on its data folder: an operating-system lock on {@code hub.lock}, held for the hub's life. Two hubs
 * on one folder would write one time-series log and start one PostgreSQL cluster twice; the second is refused with
 * the first one's process id. The operating system releases the lock when the process dies, even by kill -9, so a
 * crashed hub never blocks the next start; whatever the dead hub left running (its PostgreSQL) is then known to be
 * an orphan.
 */
public final class DataFolderLock implements AutoCloseable {

    private final FileChannel channel;
    private final FileLock lock;

    private DataFolderLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    public static DataFolderLock claim(Path data) {
        Path file = data.resolve("hub.lock");
        try {
            Files.createDirectories(data);
            FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (java.nio.channels.OverlappingFileLockException sameProcess) {
                lock = null; // a hub in this very process holds it
            } catch (IOException | RuntimeException e) {
                channel.close();
                throw e;
            }
            if (lock == null) {
                String holder = Files.readString(file, StandardCharsets.UTF_8).strip();
                channel.close();
                throw new IllegalStateException("another hub is running on data folder " + data.toAbsolutePath()
                        + (holder.isEmpty() ? "" : " (process " + holder + ")") + "; stop it first, or give this one its own --data folder");
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.UTF_8)), 0);
            channel.force(true);
            return new DataFolderLock(channel, lock);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lock the data folder " + data.toAbsolutePath() + " (" + file.getFileName() + "): " + e.getMessage(), e);
        }
    }

    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            channel.close();
        }
    }
}

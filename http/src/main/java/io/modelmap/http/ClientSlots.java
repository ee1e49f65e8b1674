package io.modelmap.http;

import java.util.HashMap;
import java.util.Map;

/**
 * Long-lived requests (event streams) held per remote address: at most {@code perAddress} at once, so
 * one client cannot take every place; a place is free again the moment its {@link Slot} closes.
 */
public final class ClientSlots {
  private final int perAddress;
  private final Map<String, Integer> held = new HashMap<>();

  public ClientSlots(int perAddress) {
    if (perAddress < 1) {
      throw new IllegalArgumentException("perAddress must be positive, was " + perAddress);
    }
    this.perAddress = perAddress;
  }

  /** A place for {@code address}, or 429 when it already holds {@code perAddress}. */
  public synchronized Slot acquire(String address) {
    int count = held.getOrDefault(address, 0);
    if (count >= perAddress) {
      throw new HttpError(429, "this address already holds " + perAddress + " event streams; close one first");
    }
    held.put(address, count + 1);
    return new Slot(this, address);
  }

  /** Places {@code address} holds now. */
  public synchronized int held(String address) {
    return held.getOrDefault(address, 0);
  }

  private synchronized void release(String address) {
    held.computeIfPresent(address, (a, count) -> count == 1 ? null : count - 1);
  }

  /** One held place; closing it twice frees it once. */
  public static final class Slot implements AutoCloseable {
    private final ClientSlots slots;
    private final String address;
    private boolean open = true;

    private Slot(ClientSlots slots, String address) {
      this.slots = slots;
      this.address = address;
    }

    @Override
    public void close() {
      synchronized (this) {
        if (!open) {
          return;
        }
        open = false;
      }
      slots.release(address);
    }
  }
}

package io.modelmap.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ClientSlotsTest {

  @Test
  void shouldRefuseAnAddressPastItsShareWith429() {
    ClientSlots slots = new ClientSlots(2);
    slots.acquire("10.0.0.1");
    slots.acquire("10.0.0.1");
    assertThatThrownBy(() -> slots.acquire("10.0.0.1")).isInstanceOfSatisfying(HttpError.class,
        e -> assertThat(e.status()).isEqualTo(429));
  }

  @Test
  void shouldLeaveOtherAddressesTheirShare() {
    ClientSlots slots = new ClientSlots(1);
    slots.acquire("10.0.0.1");
    slots.acquire("10.0.0.2");
    assertThat(slots.held("10.0.0.1")).isEqualTo(1);
    assertThat(slots.held("10.0.0.2")).isEqualTo(1);
  }

  @Test
  void shouldFreeAPlaceTheMomentItsSlotCloses() {
    ClientSlots slots = new ClientSlots(1);
    ClientSlots.Slot slot = slots.acquire("10.0.0.1");
    slot.close();
    assertThat(slots.held("10.0.0.1")).isZero();
    slots.acquire("10.0.0.1");
  }

  @Test
  void shouldFreeAPlaceOnceWhenClosedTwice() {
    ClientSlots slots = new ClientSlots(2);
    ClientSlots.Slot first = slots.acquire("10.0.0.1");
    slots.acquire("10.0.0.1");
    first.close();
    first.close();
    assertThat(slots.held("10.0.0.1")).isEqualTo(1);
  }

  @Test
  void shouldRefuseANonPositiveShare() {
    assertThatThrownBy(() -> new ClientSlots(0)).isInstanceOf(IllegalArgumentException.class);
  }
}

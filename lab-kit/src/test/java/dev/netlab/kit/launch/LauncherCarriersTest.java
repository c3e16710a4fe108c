package dev.netlab.kit.launch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** A program's carriers: lab-kit's default, or its own {@code <program>.carriers} setting. */
class LauncherCarriersTest {
    private static final int CORES = Runtime.getRuntime().availableProcessors();

    @Test
    @DisplayName("no setting: lab-kit's default, twice the cores and at least 8")
    void noSetting() {
        assertThat(Launcher.carriersOf(null)).isEqualTo(Launcher.carriers()).isEqualTo(Math.max(8, 2 * CORES));
        assertThat(Launcher.carriersOf(" ")).isEqualTo(Launcher.carriers());
        assertThat(Launcher.carriersFor("no-such-program")).isEqualTo(Launcher.carriers());
    }

    @Test
    @DisplayName("'cores', 'N*cores' and a number, spaces around them ignored")
    void settings() {
        assertThat(Launcher.carriersOf("cores")).isEqualTo(CORES);
        assertThat(Launcher.carriersOf("2*cores")).isEqualTo(2 * CORES);
        assertThat(Launcher.carriersOf(" 3 * cores ")).isEqualTo(3 * CORES);
        assertThat(Launcher.carriersOf("5")).isEqualTo(5);
        assertThat(Launcher.carriersOf("0")).isEqualTo(1); // never none
    }

    @Test
    @DisplayName("anything else is refused with the forms it takes")
    void refused() {
        assertThatThrownBy(() -> Launcher.carriersOf("many")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'cores', 'N*cores' or a number").hasMessageContaining("many");
        assertThatThrownBy(() -> Launcher.carriersOf("x*cores")).isInstanceOf(IllegalArgumentException.class);
    }
}

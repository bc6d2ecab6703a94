package dev.tally.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tally.core.error.TallyException;
import dev.tally.core.usage.PricingModel;
import dev.tally.reconcile.match.Cell;
import dev.tally.reconcile.match.CellKey;
import dev.tally.reconcile.match.Session;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The rules of docs/reconcile.md's table of differences, one cell at a time. */
class ClassificationTest {
    private static final String ARN = "arn:aws:sts::123456789012:assumed-role/R/gw-ann";
    private static final Session KNOWN = new Session(ARN, "gw-ann", "ann", Map.of(), true);
    private static final Session UNKNOWN = new Session(ARN, "gw-ann", "ann", Map.of(), false);
    private static final LocalDate NEWEST = LocalDate.parse("2026-11-10");

    @Test
    void equalTokensAndCost_match_toAMillionth() {
        assertThat(kind(cell("0.1", 100, "0.1000004", 100), KNOWN, NEWEST.minusDays(3)))
                .isEqualTo(DifferenceKind.MATCH);
    }

    @Test
    void equalTokensOtherCost_isAPrice() {
        assertThat(kind(cell("0.1", 100, "0.12", 100), KNOWN, NEWEST.minusDays(3)))
                .isEqualTo(DifferenceKind.PRICE);
    }

    @Test
    void otherTokens_beforeTheNewestBilledDay_isAGap_evenWhenTheBillLacksTheCellEntirely() {
        assertThat(kind(cell("0.1", 100, "0.09", 90), KNOWN, NEWEST.minusDays(1)))
                .isEqualTo(DifferenceKind.TOKENS);
        assertThat(kind(cell("0.1", 100, null, 0), KNOWN, NEWEST.minusDays(1))).isEqualTo(DifferenceKind.TOKENS);
    }

    @Test
    void meteredNotBilled_onOrAfterTheNewestBilledDay_isProvisional_butABillLargerThanTheLedgerIsNot() {
        assertThat(kind(cell("0.1", 100, null, 0), KNOWN, NEWEST.plusDays(1))).isEqualTo(DifferenceKind.PROVISIONAL);
        assertThat(kind(cell("0.1", 100, "0.04", 40), KNOWN, NEWEST)).isEqualTo(DifferenceKind.PROVISIONAL);
        assertThat(kind(cell("0.1", 100, "0.2", 200), KNOWN, NEWEST)).isEqualTo(DifferenceKind.TOKENS);
    }

    @Test
    void aBilledSessionTheLedgerDoesNotKnow_isUnknown_evenOnTheNewestDay() {
        assertThat(kind(cell(null, 0, "0.1", 100), UNKNOWN, NEWEST)).isEqualTo(DifferenceKind.UNKNOWN_SESSION);
    }

    @Test
    void tolerance_isAShareOfBilled_withProvisionalExcused() {
        BigDecimal one = BigDecimal.ONE;
        assertThat(Reconciler.within(new BigDecimal("101"), new BigDecimal("100"), BigDecimal.ZERO, one))
                .isTrue();
        assertThat(Reconciler.within(new BigDecimal("101.01"), new BigDecimal("100"), BigDecimal.ZERO, one))
                .isFalse();
        assertThat(Reconciler.within(new BigDecimal("150"), new BigDecimal("100"), new BigDecimal("50"), one))
                .isTrue();
        assertThat(Reconciler.within(new BigDecimal("0.01"), BigDecimal.ZERO, BigDecimal.ZERO, one))
                .isFalse();
    }

    @Test
    void sessionNameTemplate_readsTheUserBack_andNeedsUserOnce() {
        SessionNameTemplate t = SessionNameTemplate.parse("gw-{user}");
        assertThat(t.userOf("gw-alice")).contains("alice");
        assertThat(t.userOf("laptop-alice")).isEmpty();
        assertThat(t.userOf("gw-")).isEmpty();
        assertThat(SessionNameTemplate.parse("{user}@gateway").userOf("bob@gateway"))
                .contains("bob");
        assertThatThrownBy(() -> SessionNameTemplate.parse("gw")).isInstanceOf(TallyException.class);
        assertThatThrownBy(() -> SessionNameTemplate.parse("{user}{user}")).isInstanceOf(TallyException.class);
    }

    private static DifferenceKind kind(Cell cell, Session session, LocalDate day) {
        CellKey key = new CellKey(ARN, day, "Claude4.6Sonnet", PricingModel.ON_DEMAND, TokenKind.INPUT);
        return Reconciler.classify(key, cell, session, Optional.of(NEWEST)).kind();
    }

    private static Cell cell(String meteredCost, long meteredTokens, String billedCost, long billedTokens) {
        Cell c = new Cell();
        if (meteredCost != null) {
            c.addMetered(new BigDecimal(meteredCost), meteredTokens, false);
        }
        if (billedCost != null) {
            c.addBilled(new BigDecimal(billedCost), billedTokens);
        }
        return c;
    }
}

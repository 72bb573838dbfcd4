package dev.hafs.exporter.snapshot;

/**
 * What the exporter found of the campaign's process: the pid HAFS recorded, which file it came from
 * ({@code campaign.pid}, else {@code campaign_status.json}), and the state of that pid as this
 * process can see it. HAFS never removes the pid file and never checks it: only {@link State#RUNNING}
 * is the campaign alive.
 */
public record CampaignProcess(long pid, String pidFrom, State state) {
    public enum State {
        RUNNING("running"),
        ZOMBIE("exited, not yet reaped by its parent (a zombie)"),
        GONE("no such process"),
        STARTED_LATER("started after the pid was recorded: the pid now belongs to another process");

        private final String description;

        State(String description) {
            this.description = description;
        }

        public String description() {
            return description;
        }
    }

    public boolean up() {
        return state == State.RUNNING;
    }
}

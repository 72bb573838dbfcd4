package dev.hafs.exporter.metrics;

import dev.hafs.exporter.snapshot.TrainingSnapshot;

/** The reload stage's last check of the campaign's pid; scrapes never look at /proc themselves. */
final class CampaignProcessMetrics {
    private CampaignProcessMetrics() {
    }

    static void translate(TrainingSnapshot snapshot, MetricSink sink) {
        Family up = Family.gauge("hafs_campaign_process_up",
                "1 when the pid in campaign.pid (else campaign_status.json) is a live process, not a zombie, that started"
                        + " before the pid was written, as the exporter sees it; 0 when not; absent without a pid.");
        snapshot.campaignProcess().ifPresent(process -> up.add(process.up() ? 1 : 0));
        sink.add(up);
    }
}

# Scrape latency by percentile, exporter vs node_exporter, one panel per size; with overlay=1 the
# exporter curves of a second run (e.g. with the recommended code changes) are added, dashed.
# gnuplot -e "dir='OUT'; realistic_title='...'; large_title='...'; overlay=0; overlay_label=''; label='exporter'" bench/plot/scrape-latency.gp
set terminal pngcairo size 1200,500 font ",10"
set output dir.'/scrape-latency.png'
set multiplot layout 1,2 title "Scrape latency, wrk -t2 -c8 on 127.0.0.1 (median round)"
set xlabel "percentile"
set ylabel "latency (ms, log scale)"
set logscale y
set grid ytics mytics xtics
set key top left
set xrange [0:100]
do for [size in "realistic large"] {
    set title (size eq "realistic" ? realistic_title : large_title)
    if (overlay) {
        plot dir.'/latency-'.size.'-exporter.dat' using 1:2 with lines lw 2 title 'hafs-training-exporter ('.label.')', \
             dir.'/latency-'.size.'-overlay.dat' using 1:2 with lines lw 2 dt 2 title 'hafs-training-exporter ('.overlay_label.')', \
             dir.'/latency-'.size.'-node_exporter.dat' using 1:2 with lines lw 2 title 'node\_exporter textfile'
    } else {
        plot dir.'/latency-'.size.'-exporter.dat' using 1:2 with lines lw 2 title 'hafs-training-exporter', \
             dir.'/latency-'.size.'-node_exporter.dat' using 1:2 with lines lw 2 title 'node\_exporter textfile'
    }
}
unset multiplot

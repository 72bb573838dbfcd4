package dev.hafs.exporter; public final class Main { public static void main(String[] a) {} }

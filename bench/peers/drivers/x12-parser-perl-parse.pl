#!/usr/bin/perl
# X12::Parser (Perl, Debian libx12-parser-perl) `parse`: the module reads the
# file segment by segment (it sets $/ to the segment terminator it finds in the
# first ISA) and groups segments into the loops of a cf file; the driver uses
# x12-envelope.cf beside it (ISA, GS, ST, SE, GE, IEA as loops) and walks every
# loop with get_next_loop/get_loop_segments, the module's documented API.
# segments = segments returned in all loops; interchanges/groups/sets = ISA/GS/ST
# loops. The segment lists are joined into one string whose length is output_bytes,
# so the work is not skipped.
use strict;
use warnings;
use File::Basename qw(dirname);
use X12::Parser;

@ARGV == 1 or die "usage: $0 FILE\n";
my $file = $ARGV[0];
-r $file or die "$0: cannot read $file\n";

my %count = (interchanges => 0, groups => 0, sets => 0, segments => 0);
my $bytes = 0;
my $parser = X12::Parser->new;
eval {
    $parser->parsefile(file => $file, conf => dirname(__FILE__) . '/x12-envelope.cf');
    while (my $loop = $parser->get_next_loop) {
        my @segments = $parser->get_loop_segments;
        $count{segments} += @segments;
        $bytes += length join "\n", @segments;
        $count{interchanges}++ if $loop eq 'ISA';
        $count{groups}++ if $loop eq 'GS';
        $count{sets}++ if $loop eq 'ST';
    }
    1;
} or do { my $err = $@ || 'unknown error'; chomp $err; print STDERR "$0: $err\n"; exit 1; };

printf "{\"peer\":\"X12::Parser\",\"job\":\"parse\",\"interchanges\":%d,\"groups\":%d,\"sets\":%d,\"segments\":%d,\"output_bytes\":%d}\n",
    @count{qw(interchanges groups sets segments)}, $bytes;

// RunPieces: the oneTBB pipeline every reader of pieces runs, `wharf run` and the command line's
// validate, translate and ack alike.
//
// Contract: pieces are cut on one thread (`cut`), measured on any (MeasurePiece: the first read
// of their bytes), numbered in input order (PieceNumbering, afresh at each input's first piece),
// processed on any thread (`process`), and taken in input order (`take`); then the Work is
// deleted and its piece's mapped pages, if any, are let go. At most `live` pieces are in flight.
// `Work` is PieceWork or derives from it; `cut()` returns a new one (its ownership passes to the
// pipeline), or null when there are no more.
//
// With `on_this_thread`, every stage runs on the calling thread, one piece after the other, and
// oneTBB is not started: its start (about 2 ms and 85 page faults on this project's VMs) is a
// tenth of a command's run on a small file, and gains nothing with one thread or one piece.
#pragma once

#include <tbb/parallel_pipeline.h>

#include <memory>

#include "core/heap_setup.h"
#include "pipeline/piece_work.h"
#include "pipeline/splitter.h"

namespace wharf::pipeline {

template <typename Work, typename Cut, typename Process, typename Take>
void RunPieces(size_t live, bool on_this_thread, Cut&& cut, Process&& process, Take&& take) {
  PieceNumbering numbering;
  auto measure = [](Work* work) {
    AdviseThisThreadsHeap();  // the first piece a worker thread sees (core/heap_setup.h)
    work->measure = MeasurePiece(work->piece);
    return work;
  };
  auto number = [&](Work* work) {
    if (work->piece.ordinal == 0) numbering = PieceNumbering();  // an input's first piece
    numbering.Number(work->piece, work->measure);
    return work;
  };
  auto run = [&](Work* work) {
    AdviseThisThreadsHeap();
    process(*work);
    return work;
  };
  auto finish = [&](Work* work) {
    std::unique_ptr<Work> owned(work);
    take(*owned);
    owned->piece.bytes.DropPages(0, owned->piece.bytes.size());
  };
  if (on_this_thread) {
    while (Work* const work = cut()) {
      std::unique_ptr<Work> owned(work);  // deleted should a stage throw
      measure(work);
      number(work);
      run(work);
      finish(owned.release());
    }
    return;
  }
  auto cut_or_stop = [&](tbb::flow_control& control) -> Work* {
    Work* const work = cut();
    if (work == nullptr) control.stop();
    return work;
  };
  using tbb::filter_mode;
  using Stage = tbb::filter<Work*, Work*>;
  tbb::parallel_pipeline(live, tbb::filter<void, Work*>(filter_mode::serial_in_order, cut_or_stop) &
                                   Stage(filter_mode::parallel, measure) & Stage(filter_mode::serial_in_order, number) &
                                   Stage(filter_mode::parallel, run) &
                                   tbb::filter<Work*, void>(filter_mode::serial_in_order, finish));
}

}  // namespace wharf::pipeline

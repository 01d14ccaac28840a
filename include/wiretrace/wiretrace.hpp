// Umbrella header: the whole pipeline, stage by stage.
#pragma once
#include "wiretrace/error.hpp"
#include "wiretrace/document.hpp"
#include "wiretrace/ingest.hpp"
#include "wiretrace/normalize.hpp"
#include "wiretrace/shingle.hpp"
#include "wiretrace/sketch.hpp"
#include "wiretrace/boilerplate.hpp"
#include "wiretrace/candidates.hpp"
#include "wiretrace/verify.hpp"
#include "wiretrace/cluster.hpp"
#include "wiretrace/pipeline.hpp"
#include "wiretrace/report.hpp"

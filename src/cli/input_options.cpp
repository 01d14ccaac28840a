#include "cli/input_options.hpp"

#include <map>
#include <string>

namespace wiretrace::cli {

void add_input_options(CLI::App& cmd, IngestOptions& ingest, bool id_from) {
  const std::map<std::string, InputFormat> formats{{"auto", InputFormat::auto_detect},
                                                   {"text", InputFormat::text},
                                                   {"jsonl", InputFormat::jsonl}};
  cmd.add_option("--input-format", ingest.input_format,
                 "How files are read: auto (*.jsonl, *.ndjson and files whose first line is a JSON "
                 "object with \"id\" or \"text\" are JSON Lines, - is JSON Lines, other files one "
                 "article each), text (every file and - is one article), or jsonl")
      ->transform(CLI::CheckedTransformer(formats).description(""))
      ->type_name("auto|text|jsonl")
      ->default_str(to_string(ingest.input_format));
  if (!id_from) return;
  const std::map<std::string, IdFrom> ids{{"name", IdFrom::name}, {"path", IdFrom::path}};
  cmd.add_option("--id-from", ingest.id_from,
                 "The id of an article read from a text file: name (its path inside the folder "
                 "argument, or the file name) or path (the path as given: folder/inside/it.txt), "
                 "for files of the same name in different folders")
      ->transform(CLI::CheckedTransformer(ids).description(""))
      ->type_name("name|path")
      ->default_str(to_string(ingest.id_from));
}

}  // namespace wiretrace::cli

#include "gen/publishers.hpp"

#include <array>

#include "gen/random.hpp"
#include "gen/story.hpp"
#include "wiretrace/error.hpp"

namespace wiretrace::bench {

std::vector<std::string> wire_agencies() { return {"AFP", "Reuters", "AP", "PR Newswire"}; }

std::vector<Publisher> make_publishers(unsigned count) {
  static constexpr std::array<std::string_view, 16> places = {
      "Daily", "Evening", "Northern", "Harbour", "Valley", "Lakeside", "Capital", "Coastal",
      "Prairie", "Highland", "Riverside", "Metro", "Union", "Summit", "Westfield", "Eastern"};
  static constexpr std::array<std::string_view, 16> papers = {
      "Ledger", "Courier", "Gazette", "Tribune", "Herald", "Sentinel", "Chronicle", "Observer",
      "Dispatch", "Record", "Post", "Times", "Standard", "Messenger", "Register", "Beacon"};
  static constexpr std::array<std::string_view, 8> headers = {
      "Advertisement", "Short Url", "Skip to main content", "Listen to this article",
      "Share this article", "Subscribe now", "Most read", "Sign in"};
  static constexpr std::array<std::string_view, 8> regions = {
      "the river counties", "the northern coast", "the capital region", "the high plains",
      "the lake district", "the eastern valleys", "the harbour towns", "the western hills"};
  static constexpr std::array<std::string_view, 16> owners = {
      "Meridian Media Group", "Holloway Press Holdings", "Northgate Publishing", "the Brandt family trust",
      "Corvid News Ltd", "Alder & Finch Media", "Saltmarsh Publishing", "Quayle Communications",
      "the Okafor Foundation", "Lindqvist Media", "Barrow & Sons", "Pennant News Group",
      "Tamsin Ward Holdings", "Greyfriars Press", "the Ellery Trust", "Castell Media"};
  static constexpr std::array<std::string_view, 16> cities = {
      "Ashford", "Millbrook", "Port Ellery", "Granton", "Kestrel Bay", "Oakhurst", "Thornbury", "Wexley",
      "Calder Falls", "Ridgemont", "Fairhaven", "Stonebridge", "Marlow Cross", "Elmstead", "Brackwater",
      "Dunmore"};
  static constexpr std::array<std::string_view, 4> slots = {"morning", "evening", "lunchtime", "weekend"};
  // Every run of ten words of a footer holds something no other publisher prints (its name, domain,
  // founding year, phone, or its owner with its city or its place word), so boilerplate never
  // links two publishers; the test checks all 256.
  static constexpr std::array<std::string_view, 4> newsletters = {
      "Sign up for the {short} {slot} briefing.", "Get {short} headlines by email every {slot}.",
      "Read {short} anywhere with our {slot} newsletter.",
      "Never miss a story: join the {short} {slot} digest."};
  static constexpr std::array<std::string_view, 3> abouts = {
      "{name} is an independent newsroom founded in {city} in {founded}.",
      "About us: {name} has covered {region} since {founded}.",
      "{name}, edited in {city}, belongs to {owner}."};
  static constexpr std::array<std::string_view, 3> contacts = {
      "Tips: tips@{domain} or {phone}.", "Corrections: corrections@{domain}.", "Advertising: ads@{domain}."};
  static constexpr std::array<std::string_view, 3> copyrights = {
      "Copyright {year} {name}. All rights reserved.", "\xC2\xA9 {year} {owner}, publisher of {name}.",
      "All content \xC2\xA9 {name} {year} unless stated otherwise."};

  if (count > places.size() * papers.size()) throw Error("at most 256 publishers");
  std::vector<Publisher> out;
  for (unsigned i = 0; i < count; ++i) {
    const unsigned a = i / 16, b = i % 16;
    Publisher p;
    // (a + 5b) mod 16 with b: every i < 256 gets its own pair of words.
    const std::string short_name = std::string(places[b]) + " " + std::string(papers[(a + 5 * b) % 16]);
    p.name = "The " + short_name;
    p.header = headers[i % headers.size()];
    std::string domain;
    for (const char c : short_name)
      if (c != ' ') domain += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    domain += ".com";
    auto fill = [&](std::string_view pattern) {
      std::string s(pattern);
      auto put = [&](std::string_view key, std::string_view value) {
        for (std::size_t at; (at = s.find(key)) != std::string::npos;) s.replace(at, key.size(), value);
      };
      put("{name}", p.name);
      put("{short}", short_name);
      put("{slot}", slots[(i / 4) % slots.size()]);
      put("{region}", regions[(i * 3 + 1) % regions.size()]);
      put("{owner}", owners[a]);  // with the city: a pair of its own for each publisher
      put("{city}", cities[b]);
      put("{domain}", domain);
      put("{founded}", std::to_string(1760 + (i * 37) % 257));  // 257 is prime: all years differ
      put("{year}", "2024");
      put("{phone}", std::to_string(1200 + i * 131) + " " + std::to_string(400000 + i * 7919));
      return s;
    };
    p.footer = fill(newsletters[i % newsletters.size()]) + " " + fill(abouts[(i / 4) % abouts.size()]) + " " +
               fill(contacts[(i + 1) % contacts.size()]) + " " + fill(copyrights[(i / 3) % copyrights.size()]);
    out.push_back(std::move(p));
  }
  return out;
}

SmallPaper make_small_paper(unsigned index, const SyntheticWriter& writer) {
  static constexpr std::array<std::string_view, 20> heads = {
      "Ash", "Bram", "Cold", "Dun", "Elm", "Fern", "Glen", "Hart", "Ivy", "Kings",
      "Lang", "Mill", "Nor", "Oak", "Pen", "Red", "Stan", "Thorn", "Up", "Wick"};
  static constexpr std::array<std::string_view, 12> tails = {
      "by", "ford", "ham", "ley", "mouth", "stead", "ton", "wood", "field", "bury", "well", "combe"};
  static constexpr std::array<std::string_view, 8> titles = {
      "Clarion", "Bugle", "Echo", "Pioneer", "Citizen", "Free Press", "Advertiser", "Weekly News"};
  static constexpr std::array<std::string_view, 7> days = {"Monday", "Tuesday", "Wednesday", "Thursday",
                                                           "Friday", "Saturday", "Sunday"};
  static constexpr std::array<std::string_view, 6> printers = {
      "Fenwick Print", "Marsh & Dale Printers", "Ouseburn Press", "Tillery Print Works", "Cobalt Litho",
      "Hayward Presses"};
  static constexpr std::array<std::string_view, 8> streets = {
      "Mill Lane", "Market Street", "Church Row", "Station Road", "Bridge Street", "Quay Side", "High Street",
      "Orchard Way"};
  constexpr unsigned towns = heads.size() * tails.size();  // 240
  constexpr unsigned names = towns * titles.size();        // 1,920 town and title pairs

  // i and i + 240k share a town; (i / 240 + i) mod 8 then gives them different titles for k < 8.
  const unsigned i = index % names;
  const std::string town = std::string(heads[i % heads.size()]) + std::string(tails[(i / heads.size()) % tails.size()]);
  std::string title(titles[(i / towns + i) % titles.size()]);
  if (index >= names) title += " " + std::to_string(index / names + 1);
  SmallPaper paper;
  paper.name = "The " + town + " " + title;
  std::string domain;
  for (const char c : town + title)
    if (c != ' ') domain += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  domain += ".co.uk";

  // Every fixed phrase is shorter than ten words between two of the paper's own tokens (its name,
  // a number of its own, its domain), and the blurb is synthetic text, which repeats no run of ten.
  const std::string homes = std::to_string(1500 + index * 13);
  const std::string phone = "0" + std::to_string(1300 + index % 700) + " " + std::to_string(200000 + index * 7907);
  std::string tail = paper.name + " is delivered free to " + homes + " homes in " + town + " every " +
                     std::string(days[index % days.size()]) + ". News, letters and notices: " + phone +
                     " or editor@" + domain + ". Printed for " + paper.name + " by " +
                     std::string(printers[index % printers.size()]) + ", " + std::to_string(2 + index % 97) + " " +
                     std::string(streets[(index / 7) % streets.size()]) + ", " + town + ". \xC2\xA9 2024 " +
                     paper.name + ".";
  std::string head = "About " + paper.name + ":";
  const std::size_t fixed = count_words(head) + count_words(tail);
  Rng rng(0x736d616c6c706170ULL ^ (static_cast<std::uint64_t>(index) * 0x9e3779b97f4a7c15ULL));
  const std::size_t target = rng.between(min_small_paper_footer_words, max_small_paper_footer_words);
  std::size_t words = fixed;
  for (int attempt = 0; words < target && attempt < 64; ++attempt) {
    std::size_t added = 0;
    const std::string sentence = writer.sentence(rng, QuoteStyle::straight, added);
    if (words + added > max_small_paper_footer_words) {
      if (words >= min_small_paper_footer_words) break;
      continue;  // too long for what is left: draw another
    }
    head += " " + sentence;
    words += added;
  }
  paper.footer = head + " " + tail;
  return paper;
}

}  // namespace wiretrace::bench

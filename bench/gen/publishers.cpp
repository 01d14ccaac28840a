#include "gen/publishers.hpp"

#include <array>

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

}  // namespace wiretrace::bench

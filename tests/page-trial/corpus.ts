/**
 * Acceptance trial for real page text (#10): page texts written from the issue's and VARIANTS'
 * descriptions, each with the key fields expected of it written by hand before the parser was run,
 * and texts with no title line that must be refused. The texts are built here from parts; the
 * expected values are spelled out per case, never computed from the parts.
 */

export const CLOCK = "Tuesday, 02 January 2024 12:17 GMT";
export const DISCLAIMER =
  "MENAFN provides the information “as is” without warranty of any kind. We do not accept any responsibility or liability for the accuracy, content, images, videos, licenses, completeness, legality, or reliability of the information contained in this article. If you have any complaints or copyright issues related to this article, kindly contact the provider above.";
const ARABIC = "عربي";
const NAV1 = "US    Europe    Arab    Asia";
const NAV2 = "|  Politics   Economy   Oil&Energy   Business   Markets";
const LEGAL = ["Legal Disclaimer:", DISCLAIMER];
const TAGS_AND_LISTS = [
  "Tags",
  "Economy",
  "Gulf",
  "Most popular stories",
  "Saudi Arabia raises crude prices for Asian buyers",
  "Gold steadies as traders await US jobs data",
  "Market Research",
  "Global Halal Food Market Report 2025",
];

export interface Dateline {
  place: string | null;
  date: string | null;
  agency: string | null;
  text: string;
}

export interface Expected {
  headline: string;
  timestamp: string | null;
  source: string | null;
  id: string | null;
  dateline: Dateline | null;
  endMarker: boolean;
  credit?: string | null;
  /** A fragment the body must contain (and the body must not contain the headline's own line). */
  bodyHas?: string;
  /** Fragments the body must not contain (furniture that must stay out). */
  bodyLacks?: string[];
}

export interface TitledCase {
  name: string;
  lines: string[];
  eol?: string;
  expect: Expected;
}

export interface RefusedCase {
  name: string;
  lines: string[];
  eol?: string;
  codes: string[];
}

export const textOf = (c: { lines: string[]; eol?: string }): string => c.lines.join(c.eol ?? "\n") + (c.eol ?? "\n");

const KUNA_LEAD =
  "(MENAFN- Kuwait News Agency (KUNA)) KUWAIT, March 1 (KUNA) -- Kuwait's cabinet approved on Sunday a draft law on public procurement, the government spokesman said in a statement.";
const KUNA_DL = { place: "KUWAIT", date: "March 1", agency: "KUNA", text: "KUWAIT, March 1 (KUNA) --" };

export const titled: TitledCase[] = [
  {
    name: "full template, ISO publication line, clock, title twice",
    lines: [CLOCK, "", ARABIC, NAV1, NAV2, "", "Qatar and Oman expand joint shipping routes", "Qatar and Oman expand joint shipping routes", "2025-08-02 08:04:19", "", "(MENAFN- The Peninsula) Doha: Qatar and Oman agreed on Saturday to add two weekly container services between Hamad Port and Sohar, officials said.", "", "The new services start in September.", "", "MENAFN02082025000063011022ID1109891001", "", "", "MENAFN", "", ...LEGAL, "", ...TAGS_AND_LISTS, "Search"],
    expect: { headline: "Qatar and Oman expand joint shipping routes", timestamp: "2025-08-02T08:04:19Z", source: "The Peninsula", id: "MENAFN02082025000063011022ID1109891001", dateline: { place: "Doha", date: null, agency: null, text: "Doha:" }, endMarker: false, bodyLacks: ["Most popular", "Search"] },
  },
  {
    name: "full template, US publication line PM, clock",
    lines: [CLOCK, "", ARABIC, NAV1, NAV2, "", "Kuwait crude oil price rises to USD 90.22 per barrel", "10/28/2023 3:12:14 PM", "", KUNA_LEAD, "", "The law will be referred to parliament. (end) ibi.hm", "", "MENAFN28102023000071011013ID1107340455", "", ...LEGAL, "", ...TAGS_AND_LISTS],
    expect: { headline: "Kuwait crude oil price rises to USD 90.22 per barrel", timestamp: "2023-10-28T15:12:14Z", source: "Kuwait News Agency (KUNA)", id: "MENAFN28102023000071011013ID1107340455", dateline: KUNA_DL, endMarker: true, bodyLacks: ["(end)", "ibi.hm"] },
  },
  {
    name: "template without clock, ISO",
    lines: [ARABIC, NAV1, NAV2, "", "Jordan's phosphate exports climb 12 percent", "2024-06-15 11:40:02", "", "(MENAFN- Jordan Times) AMMAN — Jordan's phosphate exports rose 12 percent in the first five months of the year, the mining company said.", "", "Most shipments went to India and Indonesia.", "", "MENAFN15062024000155011006ID1108301122", "MENAFN", ...LEGAL, "Tags", "Jordan", "Mining"],
    expect: { headline: "Jordan's phosphate exports climb 12 percent", timestamp: "2024-06-15T11:40:02Z", source: "Jordan Times", id: "MENAFN15062024000155011006ID1108301122", dateline: { place: "AMMAN", date: null, agency: null, text: "AMMAN —" }, endMarker: false },
  },
  {
    name: "template without clock, US AM single-digit hour",
    lines: [NAV1, "", "Emirates NBD reports record quarterly profit", "1/5/2024 9:03:07 AM", "", "(MENAFN- Gulf News) Dubai: Emirates NBD posted a record net profit for the fourth quarter on higher interest income, the bank said on Friday.", "", "The bank proposed a cash dividend of 60 fils a share.", "", "MENAFN05012024000110011021ID1107698877", "", ...LEGAL],
    expect: { headline: "Emirates NBD reports record quarterly profit", timestamp: "2024-01-05T09:03:07Z", source: "Gulf News", id: "MENAFN05012024000110011021ID1107698877", dateline: { place: "Dubai", date: null, agency: null, text: "Dubai:" }, endMarker: false },
  },
  {
    name: "only the clock line: it is the timestamp",
    lines: [CLOCK, "", "Azerbaijan's non-oil exports grow in 2023", "", "(MENAFN- Trend News Agency) BAKU, Azerbaijan, January 2. Azerbaijan's non-oil exports grew by 8 percent last year, the Center for Analysis of Economic Reforms said.", "", "Exports of fruit and vegetables led the growth.", "", "MENAFN02012024000187011026ID1107654321", "", ...LEGAL],
    expect: { headline: "Azerbaijan's non-oil exports grow in 2023", timestamp: "2024-01-02T12:17:00Z", source: "Trend News Agency", id: "MENAFN02012024000187011026ID1107654321", dateline: { place: "BAKU, Azerbaijan", date: "January 2", agency: null, text: "BAKU, Azerbaijan, January 2." }, endMarker: false },
  },
  {
    name: "MARKET NEWS section name above the title",
    lines: [CLOCK, ARABIC, NAV1, "", "MARKET NEWS", "", "Saudi bourse closes higher led by banks", "2025-02-11 14:22:40", "", "(MENAFN- Arab News) RIYADH: Saudi Arabia's main index closed 0.8 percent higher on Tuesday, led by gains in banking shares.", "", "Al Rajhi Bank rose 2.1 percent.", "", "MENAFN11022025000018011019ID1109204455", "", ...LEGAL, "", ...TAGS_AND_LISTS],
    expect: { headline: "Saudi bourse closes higher led by banks", timestamp: "2025-02-11T14:22:40Z", source: "Arab News", id: "MENAFN11022025000018011019ID1109204455", dateline: { place: "RIYADH", date: null, agency: null, text: "RIYADH:" }, endMarker: false },
  },
  {
    name: "404 error-page text above the title",
    lines: ["404", "Oops!", "Sorry, the page you requested could not be found.", "", "Bahrain inflation eases to 0.9 percent in March", "", "(MENAFN- Bahrain News Agency) Manama, April 20 (BNA) -- Consumer prices in Bahrain rose 0.9 percent year on year in March, down from 1.2 percent in February, the Information and eGovernment Authority said.", "", "MENAFN20042024000141011033ID1108098765", "", ...LEGAL],
    expect: { headline: "Bahrain inflation eases to 0.9 percent in March", timestamp: null, source: "Bahrain News Agency", id: "MENAFN20042024000141011033ID1108098765", dateline: { place: "Manama", date: "April 20", agency: "BNA", text: "Manama, April 20 (BNA) --" }, endMarker: false },
  },
  {
    name: "crawler line above the title",
    lines: [" date 2024-05-06 403", "", "Egypt's Suez Canal revenue falls in April", "2024-05-06 09:12:55", "", "(MENAFN- Daily News Egypt) Suez Canal revenue fell by nearly half in April from a year earlier as shipping lines avoided the Red Sea, the canal authority said.", "", "MENAFN06052024000202011008ID1108155544", "", ...LEGAL],
    expect: { headline: "Egypt's Suez Canal revenue falls in April", timestamp: "2024-05-06T09:12:55Z", source: "Daily News Egypt", id: "MENAFN06052024000202011008ID1108155544", dateline: null, endMarker: false },
  },
  {
    name: "stray date above the title",
    lines: ["12 Mar 2014", "Oman's central bank keeps policy rate unchanged", "", "(MENAFN- Times of Oman) Muscat: The Central Bank of Oman kept its repo rate unchanged on Wednesday, in line with the US Federal Reserve.", "", "The rate stays at 6 percent.", "", "MENAFN12032014000136011010ID1104032211", "", ...LEGAL],
    expect: { headline: "Oman's central bank keeps policy rate unchanged", timestamp: null, source: "Times of Oman", id: "MENAFN12032014000136011010ID1104032211", dateline: { place: "Muscat", date: null, agency: null, text: "Muscat:" }, endMarker: false },
  },
  {
    name: "every kind of furniture above the title together",
    lines: [CLOCK, " date 2024-05-06 403", "404", "Oops!", "Sorry, the page you requested could not be found.", "12 Mar 2014", ARABIC, NAV1, NAV2, "MARKET NEWS", "Kuwait stock exchange gains on bank earnings", "5/6/2024 10:01:33 AM", "", KUNA_LEAD, "", "Trading volume rose to 210 million shares.", "", "MENAFN06052024000071011013ID1108156789", "", ...LEGAL],
    expect: { headline: "Kuwait stock exchange gains on bank earnings", timestamp: "2024-05-06T10:01:33Z", source: "Kuwait News Agency (KUNA)", id: "MENAFN06052024000071011013ID1108156789", dateline: KUNA_DL, endMarker: false },
  },
  {
    name: "More News and headlines after the disclaimer",
    lines: [CLOCK, "", "Lebanon's central bank extends exchange platform", "2023-12-19 16:45:00", "", "(MENAFN- Naharnet) Lebanon's central bank said on Tuesday it would extend the operation of its currency platform until the end of January.", "", "MENAFN19122023000069011015ID1107612233", "", ...LEGAL, "", "More News", "Israel strikes south Lebanon villages", "Cabinet meets on budget draft", "Search"],
    expect: { headline: "Lebanon's central bank extends exchange platform", timestamp: "2023-12-19T16:45:00Z", source: "Naharnet", id: "MENAFN19122023000069011015ID1107612233", dateline: null, endMarker: false },
  },
  {
    name: "cookie banner after the body",
    lines: [NAV2, "Iraq signs deal to build new refinery in Basra", "2025-01-08 07:30:12", "", "(MENAFN- Iraq Business News) BAGHDAD - Iraq's oil ministry signed a contract with a Chinese company to build a 300,000 barrel-a-day refinery in Basra.", "", "Construction is expected to take four years.", "", "MENAFN08012025000224011050ID1109100022", "", ...LEGAL, "", "This website uses cookies to improve your experience. By continuing to browse you agree to our use of cookies. Learn more", "No comment"],
    expect: { headline: "Iraq signs deal to build new refinery in Basra", timestamp: "2025-01-08T07:30:12Z", source: "Iraq Business News", id: "MENAFN08012025000224011050ID1109100022", dateline: { place: "BAGHDAD", date: null, agency: null, text: "BAGHDAD -" }, endMarker: false },
  },
  {
    name: "cookie banner before the ID line",
    lines: [CLOCK, "", "Morocco's tourist arrivals hit record in July", "2024-08-10 12:00:00", "", "(MENAFN- Morocco World News) Rabat - Morocco welcomed 2.1 million tourists in July, a record for the month, the tourism ministry said.", "", "This website uses cookies to improve your experience. By continuing to browse you agree to our use of cookies. Learn more", "", "MENAFN10082024000216011029ID1108556677", "", ...LEGAL],
    expect: { headline: "Morocco's tourist arrivals hit record in July", timestamp: "2024-08-10T12:00:00Z", source: "Morocco World News", id: "MENAFN10082024000216011029ID1108556677", // Expected a dateline `Rabat -` at first; by the documented rule a place without date or agency
    // counts only before `:` or in capitals before a dash (so `Dubai-based Emirates - ...` is none): the expectation was wrong.
    dateline: null, endMarker: false, bodyLacks: ["cookies"] },
  },
  {
    name: "Will be updated closing the story",
    lines: [CLOCK, "", "Earthquake of magnitude 5.1 strikes eastern Türkiye", "2025-03-04 05:14:09", "", "(MENAFN- AzerNews) An earthquake of magnitude 5.1 struck Malatya province in eastern Türkiye early on Tuesday, the disaster agency AFAD said.", "", "Will be updated", "", "MENAFN04032025000195011040ID1109312299", "", ...LEGAL],
    expect: { headline: "Earthquake of magnitude 5.1 strikes eastern Türkiye", timestamp: "2025-03-04T05:14:09Z", source: "AzerNews", id: "MENAFN04032025000195011040ID1109312299", dateline: null, endMarker: false },
  },
  {
    name: "Read Also list after the disclaimer",
    lines: [CLOCK, ARABIC, "Pakistan, IMF reach staff-level agreement", "2024-03-20 18:02:41", "", "(MENAFN)Pakistan and the International Monetary Fund reached a staff-level agreement on the last review of a $3 billion programme, the lender said on Wednesday.", "", "MENAFN20032024000045017640ID1107988001", "", ...LEGAL, "", "Read Also", "Rupee gains against dollar", "Oil prices slip in Asian trade"],
    expect: { headline: "Pakistan, IMF reach staff-level agreement", timestamp: "2024-03-20T18:02:41Z", source: "MENAFN", id: "MENAFN20032024000045017640ID1107988001", dateline: null, endMarker: false },
  },
  {
    name: "No comment, CommentsNo comment and Search at the end",
    lines: [CLOCK, "", "UAE's non-oil trade tops AED 1.2 trillion", "2024-09-01 10:10:10", "", "(MENAFN- Emirates News Agency (WAM)) ABU DHABI, 1st September, 2024 (WAM) -- The UAE's non-oil foreign trade exceeded AED 1.2 trillion in the first half of the year.", "", "MENAFN01092024000119011024ID1108622211", "", ...LEGAL, "No comment", "CommentsNo comment", "Search"],
    expect: { headline: "UAE's non-oil trade tops AED 1.2 trillion", timestamp: "2024-09-01T10:10:10Z", source: "Emirates News Agency (WAM)", id: "MENAFN01092024000119011024ID1108622211", dateline: { place: "ABU DHABI", date: "1st September, 2024", agency: "WAM", text: "ABU DHABI, 1st September, 2024 (WAM) --" }, endMarker: false },
  },
  {
    name: "KUNA (end) alone on its line, initials after blank lines",
    lines: [CLOCK, "", "Kuwait's Amir receives Saudi envoy", "2025-04-14 13:31:05", "", "(MENAFN- Kuwait News Agency (KUNA)) KUWAIT, April 14 (KUNA) -- His Highness the Amir received on Monday an envoy of the Saudi King, who delivered a written message.", "", "The message dealt with bilateral relations.", "(end)", "", "", "gta.aam", "", "", "MENAFN14042025000071011013ID1109412345", "", ...LEGAL],
    expect: { headline: "Kuwait's Amir receives Saudi envoy", timestamp: "2025-04-14T13:31:05Z", source: "Kuwait News Agency (KUNA)", id: "MENAFN14042025000071011013ID1109412345", dateline: { place: "KUWAIT", date: "April 14", agency: "KUNA", text: "KUWAIT, April 14 (KUNA) --" }, endMarker: true, bodyLacks: ["(end)", "gta.aam"] },
  },
  {
    name: "KUNA (end) inline, initials and a lone provider name",
    lines: [CLOCK, "", "Kuwait Fund lends USD 20 mln for Senegal road", "2024-11-21 09:45:30", "", "(MENAFN- Kuwait News Agency (KUNA)) KUWAIT, Nov 21 (KUNA) -- The Kuwait Fund for Arab Economic Development signed on Thursday a loan agreement with Senegal to finance a rural road project. (end) mt.gta", "Kuwait News Agency (KUNA)", "", "MENAFN21112024000071011013ID1108899001", "", ...LEGAL],
    expect: { headline: "Kuwait Fund lends USD 20 mln for Senegal road", timestamp: "2024-11-21T09:45:30Z", source: "Kuwait News Agency (KUNA)", id: "MENAFN21112024000071011013ID1108899001", dateline: { place: "KUWAIT", date: "Nov 21", agency: "KUNA", text: "KUWAIT, Nov 21 (KUNA) --" }, endMarker: true, bodyLacks: ["(end)", "mt.gta", "Kuwait News Agency (KUNA)"] },
  },
  {
    name: "lone provider name after the body",
    lines: [CLOCK, "", "Qatar Airways adds flights to Kazakhstan", "2025-05-03 08:00:00", "", "(MENAFN- The Peninsula) Qatar Airways will start three weekly flights to Almaty in June, the airline said.", "", "The Peninsula", "", "MENAFN03052025000063011022ID1109500001", "", ...LEGAL],
    expect: { headline: "Qatar Airways adds flights to Kazakhstan", timestamp: "2025-05-03T08:00:00Z", source: "The Peninsula", id: "MENAFN03052025000063011022ID1109500001", dateline: null, endMarker: false, bodyLacks: ["The Peninsula\n", "\nThe Peninsula"] },
  },
  {
    name: "byline with Read more glued on",
    lines: [CLOCK, "", "Why Gulf investors are turning to Asian tech", "2025-06-09 15:20:00", "", "(MENAFN- Gulf Business)", "Jane Doe Read more", "", "Sovereign funds from the Gulf are putting more money into Asian technology companies as returns at home narrow, bankers say.", "", "MENAFN09062025000178011044ID1109600777", "", ...LEGAL],
    expect: { headline: "Why Gulf investors are turning to Asian tech", timestamp: "2025-06-09T15:20:00Z", source: "Gulf Business", id: "MENAFN09062025000178011044ID1109600777", dateline: null, endMarker: false, credit: "Jane Doe", bodyLacks: ["Read more", "Jane Doe"] },
  },
  {
    name: "byline with Read more on the tag's line",
    lines: [NAV1, "Dubai property prices rise for 14th quarter", "2024-04-02 11:11:11", "", "(MENAFN- Khaleej Times) John Smith Read more", "", "Dubai residential prices rose again in the first quarter, a property consultancy said.", "", "MENAFN02042024000049011017ID1108012345", "", ...LEGAL],
    expect: { headline: "Dubai property prices rise for 14th quarter", timestamp: "2024-04-02T11:11:11Z", source: "Khaleej Times", id: "MENAFN02042024000049011017ID1108012345", dateline: null, endMarker: false, credit: "John Smith", bodyLacks: ["Read more"] },
  },
  {
    name: "no source tag, ID and disclaimer trailer",
    lines: [CLOCK, ARABIC, NAV1, "Saudi Arabia launches industrial licensing platform", "10/28/2023 3:12:14 PM", "", "RIYADH: Saudi Arabia has launched a unified digital platform for industrial licences, the Ministry of Industry said.", "", "The platform links 12 government agencies.", "", "MENAFN28102023000045017640ID1107340001", "", ...LEGAL],
    expect: { headline: "Saudi Arabia launches industrial licensing platform", timestamp: "2023-10-28T15:12:14Z", source: null, id: "MENAFN28102023000045017640ID1107340001", dateline: { place: "RIYADH", date: null, agency: null, text: "RIYADH:" }, endMarker: false },
  },
  {
    name: "no source tag, no publication line, only ID and disclaimer",
    lines: ["MARKET NEWS", "", "Brent crude steadies near 80 dollars", "", "Brent crude futures held near $80 a barrel on Monday as traders weighed supply cuts against weak demand in China.", "", "MENAFN13052024000045017640ID1108170002", "", ...LEGAL],
    expect: { headline: "Brent crude steadies near 80 dollars", timestamp: null, source: null, id: "MENAFN13052024000045017640ID1108170002", dateline: null, endMarker: false },
  },
  {
    name: "dateline BAKU, Azerbaijan, November 24.",
    lines: [CLOCK, "", "Azerbaijan, Georgia discuss energy corridor", "2025-11-24 12:40:00", "", "(MENAFN- Trend News Agency) BAKU, Azerbaijan, November 24. Azerbaijan and Georgia discussed the Black Sea electricity cable project, the energy ministry said.", "", "MENAFN24112025000187011026ID1110400001", "", ...LEGAL],
    expect: { headline: "Azerbaijan, Georgia discuss energy corridor", timestamp: "2025-11-24T12:40:00Z", source: "Trend News Agency", id: "MENAFN24112025000187011026ID1110400001", dateline: { place: "BAKU, Azerbaijan", date: "November 24", agency: null, text: "BAKU, Azerbaijan, November 24." }, endMarker: false },
  },
  {
    name: "dateline Amman, Aug. 9 (Petra)--",
    lines: [CLOCK, "", ARABIC, "Jordan's tourism revenues up 9% in seven months", "8/9/2024 4:05:00 PM", "", "(MENAFN- Jordan News Agency (Petra)) Amman, Aug. 9 (Petra)-- Jordan's tourism revenues rose 9 percent in the first seven months of the year, the central bank said on Friday.", "", "MENAFN09082024000155011006ID1108157321", "", ...LEGAL],
    expect: { headline: "Jordan's tourism revenues up 9% in seven months", timestamp: "2024-08-09T16:05:00Z", source: "Jordan News Agency (Petra)", id: "MENAFN09082024000155011006ID1108157321", dateline: { place: "Amman", date: "Aug. 9", agency: "Petra", text: "Amman, Aug. 9 (Petra)--" }, endMarker: false },
  },
  {
    name: "dateline Doha: with QNA credit",
    lines: [CLOCK, "", "Qatar's trade surplus widens in October", "2024-11-30 10:00:00", "", "(MENAFN- Qatar News Agency)", "QNA", "", "Doha: Qatar's trade surplus widened to QR19.3bn in October, the National Planning Council said.", "", "MENAFN30112024000131011035ID1108911111", "", ...LEGAL],
    expect: { headline: "Qatar's trade surplus widens in October", timestamp: "2024-11-30T10:00:00Z", source: "Qatar News Agency", id: "MENAFN30112024000131011035ID1108911111", dateline: { place: "Doha", date: null, agency: null, text: "Doha:" }, endMarker: false, credit: "QNA" },
  },
  {
    name: "no dateline: a name with a colon opens the lead",
    lines: [CLOCK, "", "Sheikh Mohammed: UAE to host global AI summit", "2025-02-12 09:00:00", "", "(MENAFN- Emirates News Agency (WAM)) Prime Minister Sheikh Mohammed: The UAE will host a global summit on artificial intelligence next year, he said on Wednesday.", "", "MENAFN12022025000119011024ID1109205500", "", ...LEGAL],
    expect: { headline: "Sheikh Mohammed: UAE to host global AI summit", timestamp: "2025-02-12T09:00:00Z", source: "Emirates News Agency (WAM)", id: "MENAFN12022025000119011024ID1109205500", dateline: null, endMarker: false },
  },
  {
    name: "CRLF full template",
    eol: "\r\n",
    lines: [CLOCK, "", ARABIC, NAV1, NAV2, "", "Oman LNG signs supply deal with Japanese buyer", "Oman LNG signs supply deal with Japanese buyer", "2025-07-07 06:50:25", "", "(MENAFN- Oman Observer) MUSCAT, July 7. Oman LNG signed a ten-year deal to supply 0.8 million tonnes a year to a Japanese utility.", "", "Deliveries start in 2026.", "", "MENAFN07072025000214011033ID1109700011", "", "MENAFN", "", ...LEGAL, "", ...TAGS_AND_LISTS, "Search"],
    expect: { headline: "Oman LNG signs supply deal with Japanese buyer", timestamp: "2025-07-07T06:50:25Z", source: "Oman Observer", id: "MENAFN07072025000214011033ID1109700011", dateline: { place: "MUSCAT", date: "July 7", agency: null, text: "MUSCAT, July 7." }, endMarker: false },
  },
  {
    name: "lone CR line endings",
    eol: "\r",
    lines: [CLOCK, NAV1, "Kazakhstan raises wheat export quota", "3/15/2024 11:59:59 PM", "", "(MENAFN- Trend News Agency) ASTANA, Kazakhstan, March 15. Kazakhstan raised its wheat export quota for the spring, the agriculture ministry said.", "", "MENAFN15032024000187011026ID1107977777", "", ...LEGAL],
    expect: { headline: "Kazakhstan raises wheat export quota", timestamp: "2024-03-15T23:59:59Z", source: "Trend News Agency", id: "MENAFN15032024000187011026ID1107977777", dateline: { place: "ASTANA, Kazakhstan", date: "March 15", agency: null, text: "ASTANA, Kazakhstan, March 15." }, endMarker: false },
  },
  {
    name: "hard-wrapped body",
    lines: [CLOCK, "", "Turkish lira hits new low against the dollar", "2024-02-27 17:03:44", "", "(MENAFN- Hurriyet Daily News) ISTANBUL - The Turkish lira", "weakened to a record low of 31.2 against the dollar on", "Tuesday as investors awaited the central bank's next", "rate decision.", "", "Analysts expect another increase in the policy rate", "before the local elections at the end of March.", "", "MENAFN27022024000193011012ID1107912121", "", ...LEGAL],
    expect: { headline: "Turkish lira hits new low against the dollar", timestamp: "2024-02-27T17:03:44Z", source: "Hurriyet Daily News", id: "MENAFN27022024000193011012ID1107912121", dateline: { place: "ISTANBUL", date: null, agency: null, text: "ISTANBUL -" }, endMarker: false, bodyHas: "weakened to a record low" },
  },
  {
    name: "GlobeNewsWire - Nasdaq tag with spaces around the hyphen",
    lines: [CLOCK, NAV1, NAV2, "Acme Biotech Announces Phase 3 Results", "2025-09-15 12:30:00", "", "(MENAFN - GlobeNewsWire - Nasdaq) BOSTON, Sept. 15, 2025 (GLOBE NEWSWIRE) -- Acme Biotech, Inc. today announced positive topline results from its Phase 3 trial.", "", "MENAFN15092025004107003653ID1110055555", "", ...LEGAL, "", ...TAGS_AND_LISTS],
    expect: { headline: "Acme Biotech Announces Phase 3 Results", timestamp: "2025-09-15T12:30:00Z", source: "GlobeNewsWire - Nasdaq", id: "MENAFN15092025004107003653ID1110055555", dateline: { place: "BOSTON", date: "Sept. 15, 2025", agency: "GLOBE NEWSWIRE", text: "BOSTON, Sept. 15, 2025 (GLOBE NEWSWIRE) --" }, endMarker: false },
  },
  {
    name: "(MENAFN) with no space, US date",
    lines: [CLOCK, ARABIC, "Pakistan's central bank cuts key rate by 200 basis points", "12/16/2024 2:00:00 PM", "", "(MENAFN)Pakistan's central bank cut its key policy rate by 200 basis points to 13 percent on Monday.", "", "MENAFN16122024000045017640ID1108977733", "", ...LEGAL],
    expect: { headline: "Pakistan's central bank cuts key rate by 200 basis points", timestamp: "2024-12-16T14:00:00Z", source: "MENAFN", id: "MENAFN16122024000045017640ID1108977733", dateline: null, endMarker: false },
  },
  {
    name: "tag alone on its line",
    lines: [CLOCK, "", "Egypt, EU sign 7.4 billion euro partnership", "2024-03-17 19:19:19", "", "(MENAFN- Ahram Online)", "Egypt and the European Union signed a strategic partnership worth 7.4 billion euros on Sunday.", "", "MENAFN17032024000076011004ID1107980808", "", ...LEGAL],
    expect: { headline: "Egypt, EU sign 7.4 billion euro partnership", timestamp: "2024-03-17T19:19:19Z", source: "Ahram Online", id: "MENAFN17032024000076011004ID1107980808", dateline: null, endMarker: false },
  },
  {
    name: "US 12 AM is midnight",
    lines: [CLOCK, NAV1, "Algeria raises gas supply to Italy", "3/7/2022 12:30:00 AM", "", "(MENAFN- AFP) Algeria will increase gas deliveries to Italy through the Transmed pipeline, state energy firm Sonatrach said.", "", "MENAFN07032022000004011011ID1103800300", "", ...LEGAL],
    expect: { headline: "Algeria raises gas supply to Italy", timestamp: "2022-03-07T00:30:00Z", source: "AFP", id: "MENAFN07032022000004011011ID1103800300", dateline: null, endMarker: false },
  },
  {
    name: "US 12 PM is noon, month/day order (11/2)",
    lines: [CLOCK, "Syria's pound slides on black market", "11/2/2021 12:45:10 PM", "", "(MENAFN- Syria Times) Damascus, Nov. 2 (SANA) -- The Syrian pound weakened on the parallel market on Tuesday, traders said.", "", "MENAFN02112021000239011020ID1103066666", "", ...LEGAL],
    expect: { headline: "Syria's pound slides on black market", timestamp: "2021-11-02T12:45:10Z", source: "Syria Times", id: "MENAFN02112021000239011020ID1103066666", dateline: { place: "Damascus", date: "Nov. 2", agency: "SANA", text: "Damascus, Nov. 2 (SANA) --" }, endMarker: false },
  },
  {
    name: "headline with colon, curly quotes and Turkish letters",
    lines: [CLOCK, ARABIC, NAV1, "Erdoğan: Türkiye’s “new era” in Gulf ties starts now", "2023-07-18 21:08:00", "", "(MENAFN- Daily Sabah) President Recep Tayyip Erdoğan said on Tuesday that Türkiye and the Gulf states were opening a new era of cooperation.", "", "MENAFN18072023000236011023ID1106700700", "", ...LEGAL],
    expect: { headline: "Erdoğan: Türkiye’s “new era” in Gulf ties starts now", timestamp: "2023-07-18T21:08:00Z", source: "Daily Sabah", id: "MENAFN18072023000236011023ID1106700700", dateline: null, endMarker: false },
  },
  {
    name: "short headline",
    lines: [CLOCK, NAV1, "Oil climbs", "2025-10-01 03:03:03", "", "(MENAFN) Oil prices climbed in Asian trade on Wednesday after a fall in US crude stocks.", "", "MENAFN01102025000045017640ID1110111111", "", ...LEGAL],
    expect: { headline: "Oil climbs", timestamp: "2025-10-01T03:03:03Z", source: "MENAFN", id: "MENAFN01102025000045017640ID1110111111", dateline: null, endMarker: false },
  },
  {
    name: "question headline, four blank lines between parts",
    lines: [CLOCK, "", "", "", "", NAV1, "", "", "", "", "Can the Gulf keep growing without oil?", "", "", "", "2025-04-01 08:08:08", "", "", "", "", "(MENAFN- Arabian Business) Gulf economies have grown their non-oil sectors faster than expected, but the test comes when oil prices fall.", "", "", "", "", "MENAFN01042025000077011031ID1109390000", "", "", "", "", ...LEGAL],
    expect: { headline: "Can the Gulf keep growing without oil?", timestamp: "2025-04-01T08:08:08Z", source: "Arabian Business", id: "MENAFN01042025000077011031ID1109390000", dateline: null, endMarker: false },
  },
  {
    name: "body holds a US-style time line",
    lines: [CLOCK, "", "Bahrain bourse index at a glance", "2/6/2024 8:34:02 AM", "", "(MENAFN- Bahrain News Agency) Manama: The Bahrain All Share Index closed at 2,010 points.", "2/6/2024 8:34:02 AM", "Trading volume reached 3 million shares.", "", "MENAFN06022024000141011033ID1107800800", "", ...LEGAL],
    expect: { headline: "Bahrain bourse index at a glance", timestamp: "2024-02-06T08:34:02Z", source: "Bahrain News Agency", id: "MENAFN06022024000141011033ID1107800800", dateline: { place: "Manama", date: null, agency: null, text: "Manama:" }, endMarker: false, bodyHas: "Trading volume" },
  },
  {
    name: "ID repeated on two lines",
    lines: [CLOCK, "", "Iran's rial steadies after central bank move", "2024-10-10 10:20:30", "", "(MENAFN- Tehran Times) Iran's rial held steady on Thursday after the central bank injected dollars into the market.", "", "MENAFN10102024000233011045ID1108744444", "MENAFN10102024000233011045ID1108744444", "", ...LEGAL],
    expect: { headline: "Iran's rial steadies after central bank move", timestamp: "2024-10-10T10:20:30Z", source: "Tehran Times", id: "MENAFN10102024000233011045ID1108744444", dateline: null, endMarker: false },
  },
  {
    name: "ID last line, no disclaimer, no final newline handled by builder",
    lines: [NAV1, NAV2, "Libya's oil output recovers to 1.2 million bpd", "2024-10-20 06:06:06", "", "(MENAFN- Libya Observer) Libya's crude production recovered to 1.2 million barrels a day after the Sharara field reopened, the National Oil Corporation said.", "", "MENAFN20102024000246011041ID1108766666"],
    expect: { headline: "Libya's oil output recovers to 1.2 million bpd", timestamp: "2024-10-20T06:06:06Z", source: "Libya Observer", id: "MENAFN20102024000246011041ID1108766666", dateline: null, endMarker: false },
  },
  {
    name: "no timestamp at all: title, tag, ID",
    lines: [ARABIC, NAV1, "", "Kuwait Airways orders six new aircraft", "", KUNA_LEAD, "", "MENAFN01032025000071011013ID1109312400", "", ...LEGAL],
    expect: { headline: "Kuwait Airways orders six new aircraft", timestamp: null, source: "Kuwait News Agency (KUNA)", id: "MENAFN01032025000071011013ID1109312400", dateline: KUNA_DL, endMarker: false },
  },
  {
    name: "trailing spaces and non-breaking spaces",
    lines: [`${CLOCK}  `, `${ARABIC} `, `${NAV1}   `, "Saudi Aramco raises Arab Light price for Asia  ", "2025-06-05 09:30:00 ", "", "(MENAFN- Arab News) RIYADH: Saudi Aramco raised the July official selling price of its Arab Light crude to Asia by 20 cents.\u00a0", "", "MENAFN05062025000018011019ID1109590000 ", "", ...LEGAL],
    expect: { headline: "Saudi Aramco raises Arab Light price for Asia", timestamp: "2025-06-05T09:30:00Z", source: "Arab News", id: "MENAFN05062025000018011019ID1109590000", dateline: { place: "RIYADH", date: null, agency: null, text: "RIYADH:" }, endMarker: false },
  },
  {
    name: "byline line between publication line and tag",
    lines: [CLOCK, NAV1, "Qatar's LNG expansion on track, minister says", "2025-01-20 13:13:13", "By Staff Reporter", "", "(MENAFN- Gulf Times) Qatar's North Field expansion remains on schedule, the energy minister said on Monday.", "", "MENAFN20012025000135011032ID1109140000", "", ...LEGAL],
    expect: { headline: "Qatar's LNG expansion on track, minister says", timestamp: "2025-01-20T13:13:13Z", source: "Gulf Times", id: "MENAFN20012025000135011032ID1109140000", dateline: null, endMarker: false },
  },
  {
    name: "Comments counter and Tags before the ID",
    lines: [CLOCK, "", "Oman's budget surplus reaches OMR 400 million", "2024-07-30 07:07:07", "", "(MENAFN- Times of Oman) Muscat: Oman posted a budget surplus of OMR 400 million by the end of May, the finance ministry said.", "", "Comments", "", "MENAFN30072024000136011010ID1108450000", "", ...LEGAL],
    expect: { headline: "Oman's budget surplus reaches OMR 400 million", timestamp: "2024-07-30T07:07:07Z", source: "Times of Oman", id: "MENAFN30072024000136011010ID1108450000", dateline: { place: "Muscat", date: null, agency: null, text: "Muscat:" }, endMarker: false, bodyLacks: ["Comments"] },
  },
  {
    name: "Market Research section name above title in Title Case",
    lines: [CLOCK, ARABIC, NAV1, "Market Research", "Global Dates Market to Reach USD 30 Billion by 2030", "2025-05-20 04:04:04", "", "(MENAFN- EIN Presswire) The global dates market is projected to grow at 5 percent a year to reach USD 30 billion by 2030, a new report says.", "", "MENAFN20052025000227011055ID1109544444", "", ...LEGAL],
    expect: { headline: "Global Dates Market to Reach USD 30 Billion by 2030", timestamp: "2025-05-20T04:04:04Z", source: "EIN Presswire", id: "MENAFN20052025000227011055ID1109544444", dateline: null, endMarker: false },
  },
  {
    name: "CRLF, no clock, US date, KUNA (end) alone then initials",
    eol: "\r\n",
    lines: [ARABIC, NAV1, NAV2, "Kuwait, UK discuss defence cooperation", "6/18/2024 1:15:45 PM", "", "(MENAFN- Kuwait News Agency (KUNA)) LONDON, June 18 (KUNA) -- Kuwait's defence minister met his British counterpart in London on Tuesday.", "", "They discussed training programmes.", "(end)", "", "", "", "hss.gta", "", "MENAFN18062024000071011013ID1108320000", "", ...LEGAL],
    expect: { headline: "Kuwait, UK discuss defence cooperation", timestamp: "2024-06-18T13:15:45Z", source: "Kuwait News Agency (KUNA)", id: "MENAFN18062024000071011013ID1108320000", dateline: { place: "LONDON", date: "June 18", agency: "KUNA", text: "LONDON, June 18 (KUNA) --" }, endMarker: true, bodyLacks: ["(end)", "hss.gta"] },
  },
];

export const refused: RefusedCase[] = [
  { name: "tag on the first line", lines: [KUNA_LEAD, "", "The law will be referred to parliament.", "", "MENAFN01032025000071011013ID1109312345", "", ...LEGAL], codes: ["MISSING_HEADLINE"] },
  { name: "clock then tag", lines: [CLOCK, "", "(MENAFN- Trend News Agency) BAKU, Azerbaijan, January 2. Azerbaijan's non-oil exports grew by 8 percent last year.", "", "MENAFN02012024000187011026ID1107654321", "", ...LEGAL], codes: ["MISSING_HEADLINE"] },
  { name: "publication line then tag", lines: ["2025-08-02 08:04:19", "", "(MENAFN- Oman Observer) MUSCAT, August 2. Oman and Jordan signed three agreements on Saturday.", "", "MENAFN02082025000214011033ID1109891234", "", ...LEGAL], codes: ["MISSING_HEADLINE"] },
  { name: "clock, publication line then tag", lines: [CLOCK, "10/28/2023 3:12:14 PM", "", "(MENAFN- Gulf News) Dubai: Emirates NBD posted a record net profit.", "", "MENAFN28102023000110011021ID1107340000"], codes: ["MISSING_HEADLINE"] },
  { name: "menus and language link then tag", lines: [ARABIC, NAV1, NAV2, "", "(MENAFN- Arab News) RIYADH: Saudi Arabia's main index closed higher on Tuesday.", "", "MENAFN11022025000018011019ID1109204455", "", ...LEGAL], codes: ["MISSING_HEADLINE"] },
  { name: "error-page and crawler furniture then tag", lines: [" date 2024-05-06 403", "404", "Oops!", "Sorry, the page you requested could not be found.", "12 Mar 2014", "MARKET NEWS", "(MENAFN- Daily News Egypt) Suez Canal revenue fell by nearly half in April.", "", "MENAFN06052024000202011008ID1108155544"], codes: ["MISSING_HEADLINE"] },
  { name: "glued Read more byline then tag", lines: ["Jane Doe Read more", "(MENAFN- Gulf Business) Sovereign funds from the Gulf are putting more money into Asian technology.", "", "MENAFN09062025000178011044ID1109600777", "", ...LEGAL], codes: ["MISSING_HEADLINE"] },
  { name: "tag alone on the first line", lines: ["(MENAFN- Ahram Online)", "Egypt and the European Union signed a strategic partnership worth 7.4 billion euros on Sunday.", "", "MENAFN17032024000076011004ID1107980808"], codes: ["MISSING_HEADLINE"] },
  { name: "tag first, CRLF", eol: "\r\n", lines: ["(MENAFN)Pakistan's central bank cut its key policy rate by 200 basis points.", "", "MENAFN16122024000045017640ID1108977733", "", ...LEGAL], codes: ["MISSING_HEADLINE"] },
  { name: "body only, no markers", lines: ["Oil prices climbed in Asian trade on Wednesday after a fall in US crude stocks, with Brent up 1 percent.", "", "Traders said supply cuts would keep the market tight into next year."], codes: ["NOT_AN_ARTICLE"] },
  { name: "hard-wrapped body only", lines: ["The Turkish lira weakened to a record low of 31.2 against", "the dollar on Tuesday as investors awaited the central", "bank's next rate decision, analysts said."], codes: ["NOT_AN_ARTICLE"] },
  { name: "body then ID and disclaimer", lines: ["Brent crude futures held near $80 a barrel on Monday as traders weighed supply cuts against weak demand in China, analysts said.", "", "The market has been range-bound for weeks.", "", "MENAFN13052024000045017640ID1108170002", "", ...LEGAL], codes: ["MISSING_HEADLINE"] },
  { name: "long run-on sentence then tag", lines: ["In a statement issued on Saturday after a meeting of the joint committee in the capital, officials from both countries said that they had agreed,", "(MENAFN- Oman Observer) to sign three agreements covering customs cooperation and logistics.", "", "MENAFN02082025000214011033ID1109891234"], codes: ["MISSING_HEADLINE"] },
  { name: "lost opening parenthesis, provider", lines: ["MENAFN- Trend News Agency) BAKU, Azerbaijan, November 24. Azerbaijan and Georgia discussed the Black Sea electricity cable project.", "", "MENAFN24112025000187011026ID1110400001", "", ...LEGAL], codes: ["MISSING_HEADLINE", "NOT_AN_ARTICLE"] },
  { name: "lost opening parenthesis, own desk", lines: ["MENAFN)Pakistan and the International Monetary Fund reached a staff-level agreement on Wednesday.", "", "MENAFN20032024000045017640ID1107988001"], codes: ["MISSING_HEADLINE", "NOT_AN_ARTICLE"] },
  { name: "lost opening parenthesis, nothing else", lines: ["MENAFN- Kuwait News Agency (KUNA)) KUWAIT, March 1 (KUNA) -- Kuwait's cabinet approved on Sunday a draft law.", "", "The law will be referred to parliament."], codes: ["MISSING_HEADLINE", "NOT_AN_ARTICLE"] },
  { name: "404 page only", lines: ["404", "Oops!", "Sorry, the page you requested could not be found.", "Search"], codes: ["NOT_AN_ARTICLE"] },
  { name: "menus and comment counters only", lines: [ARABIC, NAV1, NAV2, "Search", "CommentsNo comment", "No comment"], codes: ["NOT_AN_ARTICLE"] },
  { name: "clock and menus only", lines: [CLOCK, ARABIC, NAV1, NAV2, "MARKET NEWS", "Search"], codes: ["NOT_AN_ARTICLE", "MISSING_HEADLINE"] },
  { name: "disclaimer only", lines: [...LEGAL], codes: ["NOT_AN_ARTICLE", "MISSING_HEADLINE"] },
  { name: "ID line and disclaimer only", lines: ["MENAFN13052024000045017640ID1108170002", "", ...LEGAL], codes: ["NOT_AN_ARTICLE", "MISSING_HEADLINE"] },
  { name: "trailer furniture only", lines: ["Legal Disclaimer:", DISCLAIMER, "", "Tags", "Oman", "Most popular stories", "Search"], codes: ["NOT_AN_ARTICLE", "MISSING_HEADLINE"] },
  { name: "stray date, cookie banner, tag", lines: ["12 Mar 2014", "This website uses cookies to improve your experience. By continuing to browse you agree to our use of cookies. Learn more", "(MENAFN- Morocco World News) Rabat - Morocco welcomed 2.1 million tourists in July.", "", "MENAFN10082024000216011029ID1108556677", "", ...LEGAL], codes: ["MISSING_HEADLINE"] },
  { name: "lone CR, tag first", eol: "\r", lines: ["(MENAFN- Trend News Agency) ASTANA, Kazakhstan, March 15. Kazakhstan raised its wheat export quota.", "", "MENAFN15032024000187011026ID1107977777"], codes: ["MISSING_HEADLINE"] },
];

// Round two, written after the first fixes and before running it: more layouts around the anchors.
titled.push(
  {
    name: "r2: all-caps headline longer than a section name",
    lines: [CLOCK, NAV1, "SAUDI ARAMCO ANNOUNCES FIRST QUARTER 2025 RESULTS", "2025-05-11 06:00:00", "", "(MENAFN- Saudi Press Agency (SPA)) Riyadh, May 11 (SPA) -- Saudi Aramco reported net income of 97.5 billion riyals for the first quarter.", "", "MENAFN11052025000178011050ID1109530000", "", ...LEGAL],
    expect: { headline: "SAUDI ARAMCO ANNOUNCES FIRST QUARTER 2025 RESULTS", timestamp: "2025-05-11T06:00:00Z", source: "Saudi Press Agency (SPA)", id: "MENAFN11052025000178011050ID1109530000", dateline: { place: "Riyadh", date: "May 11", agency: "SPA", text: "Riyadh, May 11 (SPA) --" }, endMarker: false },
  },
  {
    name: "r2: credit line under a tag alone",
    lines: [CLOCK, "", "Qatar's GDP grows 2.1 percent in second quarter", "2024-10-01 09:09:09", "", "(MENAFN- The Peninsula)", "The Peninsula Online", "", "Doha, Qatar: Qatar's real GDP grew 2.1 percent year on year in the second quarter, the National Planning Council said.", "", "MENAFN01102024000063011022ID1108730000", "", ...LEGAL],
    expect: { headline: "Qatar's GDP grows 2.1 percent in second quarter", timestamp: "2024-10-01T09:09:09Z", source: "The Peninsula", id: "MENAFN01102024000063011022ID1108730000", dateline: { place: "Doha, Qatar", date: null, agency: null, text: "Doha, Qatar:" }, endMarker: false, credit: "The Peninsula Online" },
  },
  {
    name: "r2: link list above the title (sidebar first)",
    lines: [CLOCK, ARABIC, "Most popular stories", "Gold steadies as traders await US jobs data", "Rupee gains against dollar", "", "Kuwait's Amir swears in new cabinet", "2024-06-23 12:12:12", "", "(MENAFN- Kuwait News Agency (KUNA)) KUWAIT, June 23 (KUNA) -- The new cabinet was sworn in on Sunday before His Highness the Amir.", "", "MENAFN23062024000071011013ID1108330000", "", ...LEGAL],
    expect: { headline: "Kuwait's Amir swears in new cabinet", timestamp: "2024-06-23T12:12:12Z", source: "Kuwait News Agency (KUNA)", id: "MENAFN23062024000071011013ID1108330000", dateline: { place: "KUWAIT", date: "June 23", agency: "KUNA", text: "KUWAIT, June 23 (KUNA) --" }, endMarker: false },
  },
  {
    name: "r2: glued byline between title and tag, no publication line",
    lines: [NAV1, "Five things to watch in Gulf markets this week", "Jane Doe Read more", "", "(MENAFN- Arabian Business) Investors in the Gulf will watch central bank decisions and oil prices this week.", "", "MENAFN10032025000077011031ID1109320000", "", ...LEGAL],
    expect: { headline: "Five things to watch in Gulf markets this week", timestamp: null, source: "Arabian Business", id: "MENAFN10032025000077011031ID1109320000", dateline: null, endMarker: false },
  },
  {
    name: "r2: hard-wrapped KUNA story with (end) inline on the last wrapped line",
    lines: [CLOCK, "", "Kuwait's oil exports to Asia rise in July", "8/12/2024 7:45:00 AM", "", "(MENAFN- Kuwait News Agency (KUNA)) KUWAIT, Aug 12 (KUNA) --", "Kuwait's crude oil exports to Asia rose in July on higher", "demand from refiners in India and China, data showed on", "Monday. (end) aam.gta", "", "MENAFN12082024000071011013ID1108560000", "", ...LEGAL],
    expect: { headline: "Kuwait's oil exports to Asia rise in July", timestamp: "2024-08-12T07:45:00Z", source: "Kuwait News Agency (KUNA)", id: "MENAFN12082024000071011013ID1108560000", dateline: { place: "KUWAIT", date: "Aug 12", agency: "KUNA", text: "KUWAIT, Aug 12 (KUNA) --" }, endMarker: true, bodyLacks: ["(end)", "aam.gta"] },
  },
  {
    name: "r2: no tag, no ID: title, publication line, body, disclaimer",
    lines: [CLOCK, NAV1, "UAE central bank holds rates steady", "2025-06-19 16:00:00", "", "The Central Bank of the UAE kept its base rate unchanged on Thursday, following the US Federal Reserve.", "", ...LEGAL],
    expect: { headline: "UAE central bank holds rates steady", timestamp: "2025-06-19T16:00:00Z", source: null, id: null, dateline: null, endMarker: false },
  },
  {
    name: "r2: no tag, no ID, no disclaimer: title and publication line only",
    lines: [NAV1, NAV2, "Oman's inflation rises to 1.1 percent", "7/14/2024 10:30:00 AM", "", "Oman's annual inflation rose to 1.1 percent in June, the statistics centre said.", "", "Food prices rose 2 percent."],
    expect: { headline: "Oman's inflation rises to 1.1 percent", timestamp: "2024-07-14T10:30:00Z", source: null, id: null, dateline: null, endMarker: false },
  },
  {
    name: "r2: seed-like: clock, title, tag, ID, footer, disclaimer (no page template)",
    lines: [CLOCK, "", "Putin proposes arming CSTO forces with Russian weapons", "", "(MENAFN) Russian President Vladimir Putin proposed on Thursday to equip the forces of the Collective Security Treaty Organization with Russian weapons.", "", "MENAFN27112025000045017640ID1110406018", "", "", "MENAFN", "", "Legal Disclaimer:", DISCLAIMER],
    expect: { headline: "Putin proposes arming CSTO forces with Russian weapons", timestamp: "2024-01-02T12:17:00Z", source: "MENAFN", id: "MENAFN27112025000045017640ID1110406018", dateline: null, endMarker: false },
  },
  {
    name: "r2: clock below the language link and menus",
    lines: [ARABIC, NAV1, CLOCK, NAV2, "Turkmenistan and Azerbaijan sign gas field deal", "2024-01-21 14:14:14", "", "(MENAFN- Trend News Agency) BAKU, Azerbaijan, January 21. Turkmenistan and Azerbaijan signed a deal to develop the Dostluk field.", "", "MENAFN21012024000187011026ID1107690000", "", ...LEGAL],
    expect: { headline: "Turkmenistan and Azerbaijan sign gas field deal", timestamp: "2024-01-21T14:14:14Z", source: "Trend News Agency", id: "MENAFN21012024000187011026ID1107690000", dateline: { place: "BAKU, Azerbaijan", date: "January 21", agency: null, text: "BAKU, Azerbaijan, January 21." }, endMarker: false },
  },
  {
    name: "r2: headline with em dash, disclaimer on one line with its heading",
    lines: [CLOCK, "Bahrain — a quiet hub for Gulf fintech", "2025-03-30 20:20:20", "", "(MENAFN- Gulf Business) Bahrain has licensed more than 100 fintech firms since opening its regulatory sandbox.", "", "MENAFN30032025000178011044ID1109370000", `Legal Disclaimer: ${DISCLAIMER}`, "Tags", "Bahrain"],
    expect: { headline: "Bahrain — a quiet hub for Gulf fintech", timestamp: "2025-03-30T20:20:20Z", source: "Gulf Business", id: "MENAFN30032025000178011044ID1109370000", dateline: null, endMarker: false },
  },
  {
    name: "r2: body with no blank lines between paragraphs and a caps subtitle",
    lines: [CLOCK, NAV1, "Egypt's non-oil private sector shrinks again", "2024-09-04 07:15:00", "(MENAFN- Ahram Online) Egypt's non-oil private sector contracted for the 45th month in August, a survey showed.", "NEW ORDERS", "New orders fell at a slower pace than in July.", "Input costs rose.", "MENAFN04092024000076011004ID1108630000", ...LEGAL],
    expect: { headline: "Egypt's non-oil private sector shrinks again", timestamp: "2024-09-04T07:15:00Z", source: "Ahram Online", id: "MENAFN04092024000076011004ID1108630000", dateline: null, endMarker: false, bodyHas: "NEW ORDERS" },
  },
  {
    name: "r2: Will be updated after the disclaimer with a provider name",
    lines: [CLOCK, "", "Jordan, Iraq discuss oil pipeline project", "2024-04-28 11:00:00", "", "(MENAFN- Jordan News Agency (Petra)) Amman, April 28 (Petra) -- Jordan and Iraq discussed the Basra-Aqaba oil pipeline project on Sunday.", "", "MENAFN28042024000155011006ID1108110000", "", ...LEGAL, "", "Will be updated", "Jordan News Agency (Petra)", "CommentsNo comment"],
    expect: { headline: "Jordan, Iraq discuss oil pipeline project", timestamp: "2024-04-28T11:00:00Z", source: "Jordan News Agency (Petra)", id: "MENAFN28042024000155011006ID1108110000", dateline: { place: "Amman", date: "April 28", agency: "Petra", text: "Amman, April 28 (Petra) --" }, endMarker: false },
  },
  {
    name: "r2: headline mentioning a year and a month",
    lines: [CLOCK, NAV1, "Kuwait's 2025 budget to be approved in March", "2025-01-15 08:30:00", "", "(MENAFN- Arab Times) Kuwait's cabinet expects parliament to approve the 2025-2026 budget in March, a minister said.", "", "MENAFN15012025000129011022ID1109120000", "", ...LEGAL],
    expect: { headline: "Kuwait's 2025 budget to be approved in March", timestamp: "2025-01-15T08:30:00Z", source: "Arab Times", id: "MENAFN15012025000129011022ID1109120000", dateline: null, endMarker: false },
  },
  {
    name: "r2: ID directly followed by the disclaimer, MENAFN footer after",
    lines: [CLOCK, "", "Iraq's Kurdistan resumes oil exports via Turkey", "2025-09-27 09:00:00", "", "(MENAFN- Rudaw) ERBIL, Kurdistan Region - Oil exports from the Kurdistan Region through Turkey resumed on Saturday after a two-year halt.", "MENAFN27092025000222011044ID1110080000", ...LEGAL, "", "MENAFN"],
    expect: { headline: "Iraq's Kurdistan resumes oil exports via Turkey", timestamp: "2025-09-27T09:00:00Z", source: "Rudaw", id: "MENAFN27092025000222011044ID1110080000", dateline: { place: "ERBIL, Kurdistan Region", date: null, agency: null, text: "ERBIL, Kurdistan Region -" }, endMarker: false },
  },
);

refused.push(
  { name: "r2: hard-wrapped body with no title, then ID", lines: ["The Turkish lira weakened to a record low of 31.2 against", "the dollar on Tuesday as investors awaited the central", "bank's next rate decision, analysts said.", "", "MENAFN27022024000193011012ID1107912121", "", ...LEGAL], codes: ["MISSING_HEADLINE"] },
  { name: "r2: clock then a tag that lost its parenthesis", lines: [CLOCK, "", "MENAFN- Trend News Agency) BAKU, Azerbaijan, November 24. Azerbaijan and Georgia discussed the Black Sea cable.", "", "MENAFN24112025000187011026ID1110400001", "", ...LEGAL], codes: ["MISSING_HEADLINE"] },
  { name: "r2: tag first then a short subtitle line", lines: ["(MENAFN- Gulf News)", "Markets at a glance", "Dubai's index rose 0.4 percent on Monday, led by property shares.", "", "MENAFN10032025000110011021ID1109320001"], codes: ["MISSING_HEADLINE"] },
  { name: "r2: menus, language link, body sentence, ID", lines: [ARABIC, NAV1, NAV2, "", "Saudi Arabia's main index closed 0.8 percent higher on Tuesday, led by gains in banking shares, traders said on the day.", "", "MENAFN11022025000018011019ID1109204455", "", ...LEGAL], codes: ["MISSING_HEADLINE"] },
  { name: "r2: crawler line, stray date and a body, no markers", lines: [" date 2024-05-06 403", "12 Mar 2014", "", "Suez Canal revenue fell by nearly half in April from a year earlier as shipping lines avoided the Red Sea."], codes: ["NOT_AN_ARTICLE"] },
  { name: "r2: furniture then the disclaimer only", lines: [CLOCK, ARABIC, NAV1, "MARKET NEWS", "", ...LEGAL, "Tags", "Oman"], codes: ["MISSING_HEADLINE", "NOT_AN_ARTICLE"] },
  { name: "r2: publication line, glued byline, tag", lines: ["2025-06-09 15:20:00", "Jane Doe Read more", "(MENAFN- Gulf Business) Sovereign funds from the Gulf are putting more money into Asian technology companies.", "", "MENAFN09062025000178011044ID1109600777"], codes: ["MISSING_HEADLINE"] },
  { name: "r2: body of wrapped lines ending in a comma, then tag", lines: ["Officials from both countries met in the capital on Saturday,", "(MENAFN- Oman Observer) and agreed to sign three agreements covering customs and logistics.", "", "MENAFN02082025000214011033ID1109891234"], codes: ["MISSING_HEADLINE"] },
);

// Round three, written after the second fixes and before running it.
titled.push(
  {
    name: "r3: clock, title twice, no publication line",
    lines: [CLOCK, "", "Kuwait, Qatar discuss gas supply", "Kuwait, Qatar discuss gas supply", "", KUNA_LEAD, "", "MENAFN01032025000071011013ID1109312500", "", ...LEGAL],
    expect: { headline: "Kuwait, Qatar discuss gas supply", timestamp: "2024-01-02T12:17:00Z", source: "Kuwait News Agency (KUNA)", id: "MENAFN01032025000071011013ID1109312500", dateline: KUNA_DL, endMarker: false },
  },
  {
    name: "r3: short headline ending in a full stop",
    lines: [CLOCK, NAV1, "Gold hits record high as dollar weakens.", "2025-04-21 02:02:02", "", "(MENAFN) Gold prices hit a record high on Monday as the dollar fell to a three-year low.", "", "MENAFN21042025000045017640ID1109430000", "", ...LEGAL],
    expect: { headline: "Gold hits record high as dollar weakens.", timestamp: "2025-04-21T02:02:02Z", source: "MENAFN", id: "MENAFN21042025000045017640ID1109430000", dateline: null, endMarker: false },
  },
  {
    name: "r3: US publication line, day under 13 read month first",
    lines: [CLOCK, ARABIC, "Qatar's PMI rises to 52.1 in February", "3/4/2024 6:00:00 AM", "", "(MENAFN- Qatar Tribune) Qatar's non-energy private sector grew faster in February, a survey showed.", "", "MENAFN04032024000162011020ID1107950000", "", ...LEGAL],
    expect: { headline: "Qatar's PMI rises to 52.1 in February", timestamp: "2024-03-04T06:00:00Z", source: "Qatar Tribune", id: "MENAFN04032024000162011020ID1107950000", dateline: null, endMarker: false },
  },
  {
    name: "r3: byline line under the tag",
    lines: [CLOCK, "", "Egypt's pound steadies after devaluation", "2024-03-10 10:00:00", "", "(MENAFN- Daily News Egypt)", "By Reem Walid", "", "Egypt's pound held steady against the dollar on Sunday after last week's devaluation.", "", "MENAFN10032024000202011008ID1107960000", "", ...LEGAL],
    expect: { headline: "Egypt's pound steadies after devaluation", timestamp: "2024-03-10T10:00:00Z", source: "Daily News Egypt", id: "MENAFN10032024000202011008ID1107960000", dateline: null, endMarker: false, credit: "By Reem Walid" },
  },
  {
    name: "r3: Tags list between the ID and the disclaimer",
    lines: [CLOCK, NAV1, "Oman opens new port terminal in Duqm", "2025-02-02 09:30:00", "", "(MENAFN- Times of Oman) Muscat: Oman opened a new bulk terminal at the port of Duqm on Sunday.", "", "MENAFN02022025000136011010ID1109170000", "Tags", "Oman", "Ports", "", ...LEGAL, "Search"],
    expect: { headline: "Oman opens new port terminal in Duqm", timestamp: "2025-02-02T09:30:00Z", source: "Times of Oman", id: "MENAFN02022025000136011010ID1109170000", dateline: { place: "Muscat", date: null, agency: null, text: "Muscat:" }, endMarker: false },
  },
  {
    name: "r3: long headline of 25 words without a full stop",
    lines: [CLOCK, NAV2, "Saudi Arabia, UAE, Qatar, Kuwait, Bahrain and Oman agree on a common customs tariff for steel, aluminium and cement imports from outside the region", "2025-07-21 11:45:00", "", "(MENAFN- Arab News) RIYADH: The six Gulf states agreed a common tariff on imports of steel, aluminium and cement.", "", "MENAFN21072025000018011019ID1109740000", "", ...LEGAL],
    expect: { headline: "Saudi Arabia, UAE, Qatar, Kuwait, Bahrain and Oman agree on a common customs tariff for steel, aluminium and cement imports from outside the region", timestamp: "2025-07-21T11:45:00Z", source: "Arab News", id: "MENAFN21072025000018011019ID1109740000", dateline: { place: "RIYADH", date: null, agency: null, text: "RIYADH:" }, endMarker: false },
  },
  {
    name: "r3: CRLF page with 404 furniture and glued byline",
    eol: "\r\n",
    lines: ["404", "Oops!", "Sorry, the page you requested could not be found.", ARABIC, NAV1, "Jordan's unemployment falls to 21.4 percent", "2024-06-03 13:00:00", "", "(MENAFN- Jordan Times)", "Mohammad Ghazal Read more", "", "AMMAN — Jordan's unemployment rate fell to 21.4 percent in the first quarter, the statistics department said.", "", "MENAFN03062024000155011006ID1108290000", "", ...LEGAL, "More News", "Jordan signs grant deal with EU"],
    expect: { headline: "Jordan's unemployment falls to 21.4 percent", timestamp: "2024-06-03T13:00:00Z", source: "Jordan Times", id: "MENAFN03062024000155011006ID1108290000", dateline: { place: "AMMAN", date: null, agency: null, text: "AMMAN —" }, endMarker: false, credit: "Mohammad Ghazal", bodyLacks: ["Read more"] },
  },
  {
    name: "r3: no tag, clock only, title then hard-wrapped lead starting with a capital",
    lines: [CLOCK, "", "Kazakh tenge weakens past 500 per dollar", "", "Kazakhstan's tenge weakened past 500 per dollar for the", "first time on Friday, as oil prices fell.", "", "MENAFN18102024000187011026ID1108760000", "", ...LEGAL],
    expect: { headline: "Kazakh tenge weakens past 500 per dollar", timestamp: "2024-01-02T12:17:00Z", source: null, id: "MENAFN18102024000187011026ID1108760000", dateline: null, endMarker: false, bodyHas: "first time on Friday" },
  },
);

refused.push(
  { name: "r3: clock, long lead sentence, then tag", lines: [CLOCK, "", "Brent crude futures held near $80 a barrel on Monday as traders weighed supply cuts against weak demand in China.", "(MENAFN- Reuters) Analysts expect the range to hold.", "", "MENAFN13052024000045017640ID1108170003"], codes: ["MISSING_HEADLINE"] },
  { name: "r3: 404 page then body then ID", lines: ["404", "Oops!", "Sorry, the page you requested could not be found.", "", "Brent crude futures held near $80 a barrel on Monday as traders weighed supply cuts against weak demand in China.", "", "MENAFN13052024000045017640ID1108170004", "", ...LEGAL], codes: ["MISSING_HEADLINE"] },
  { name: "r3: clock then hard-wrapped body then ID", lines: [CLOCK, "", "Kazakhstan's tenge weakened past 500 per dollar for the", "first time on Friday, as oil prices fell.", "", "MENAFN18102024000187011026ID1108760001"], codes: ["MISSING_HEADLINE"] },
  { name: "r3: menus then a tag that lost its parenthesis", lines: [NAV1, NAV2, "MENAFN)Pakistan's central bank cut its key policy rate by 200 basis points.", "", "MENAFN16122024000045017640ID1108977734", "", ...LEGAL], codes: ["MISSING_HEADLINE"] },
);

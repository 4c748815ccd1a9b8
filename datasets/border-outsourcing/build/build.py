#!/usr/bin/env python3
"""Build datasets/border-outsourcing from the raw research table (build/raw/relations.csv and
relation_notes.csv, copied from the team's shared facts), as a GapMap JSON document on stdout.

    python3 datasets/border-outsourcing/build/build.py > /tmp/border.json
    gapmap convert /tmp/border.json /tmp/border-folder && cp /tmp/border-folder/* datasets/border-outsourcing/

Every decision is in the tables below: the entity map (raw name -> id, kind, country,
attributes), the relation-kind map, the function map and the facility scopes read from the
row notes. Then the research fragments build/research/*.json (one per region, each fact cited
with a locator; format in build/research/README.md) are applied in name order. Nothing is
inferred that a row, its note or its source does not say; what is not known stays empty
(unknown). See datasets/README.md.
"""
import csv, json, os, re, sys

HERE = os.path.dirname(os.path.abspath(__file__))
rows = list(csv.DictReader(open(os.path.join(HERE, "raw", "relations.csv"), encoding="utf-8")))
notes = list(csv.DictReader(open(os.path.join(HERE, "raw", "relation_notes.csv"), encoding="utf-8")))
assert len(rows) == len(notes) == 150

# raw name -> (id, kind, country or "", {attributes}); countries from the rows, their sources
# and research-notes.md (section 1.4 names the companies' home states). "" = unknown.
E = {}
def ent(names, id, kind, country="", **attrs):
    for n in ([names] if isinstance(names, str) else names):
        E[n] = (id, kind, country, attrs)

# States (Commonwealth of Australia is the same legal person as Australia)
ent(["United Kingdom"], "gb", "state", "GB")
ent(["United States"], "us", "state", "US")
ent(["Australia", "Commonwealth of Australia"], "au", "state", "AU")
ent("Greece", "gr", "state", "GR"); ent("Italy", "it", "state", "IT"); ent("Malta", "mt", "state", "MT")
ent("Spain", "es", "state", "ES")
ent("Switzerland", "ch", "state", "CH")  # from the split of row 150
# Agencies
ent("UK Home Office", "uk-home-office", "agency", "GB")
ent("UK Border Agency", "uk-border-agency", "agency", "GB")
ent("US Immigration and Customs Enforcement (ICE)", "us-ice", "agency", "US")
ent("US Department of Homeland Security", "us-dhs", "agency", "US")
ent("US Customs and Border Protection (CBP)", "us-cbp", "agency", "US")
ent("City of Dilley, Texas", "us-city-dilley", "agency", "US", pass_through="yes")
ent("City of Eloy, Arizona", "us-city-eloy", "agency", "US", pass_through="yes")
ent("Australia Department of Immigration and Border Protection", "au-dibp", "agency", "AU")
ent("Australia Department of Home Affairs", "au-home-affairs", "agency", "AU")
ent("Australia Department of Immigration and Citizenship", "au-diac", "agency", "AU")
ent("Greece Ministry of Migration and Asylum", "gr-migration-ministry", "agency", "GR")
ent("Italian Ministry of the Interior", "it-interior-ministry", "agency", "IT")
ent("Spanish Ministry of the Interior", "es-interior-ministry", "agency", "ES")
ent("Guardia Civil", "es-guardia-civil", "agency", "ES")
ent("FIIAPP (Spanish public foundation)", "es-fiiapp", "agency", "ES")
ent("Libyan Coast Guard", "ly-coast-guard", "agency", "LY")
ent("Libyan Coast Guard and Port Security (LCGPS) and GACS", "ly-lcgps-gacs", "agency", "LY")
# Intergovernmental bodies
ent("European Union", "eu", "igo", "EU")
ent("Frontex (European Border and Coast Guard Agency)", "frontex", "igo", "EU")
ent("eu-LISA", "eu-lisa", "igo", "EU")
ent("UN Working Group on the use of mercenaries", "un-wg-mercenaries", "igo", "INT")
# Funding instruments and programmes
ent("EU Emergency Trust Fund for Africa (EUTF)", "eutf-africa", "funding", "EU", currency="EUR")
ent("EU Recovery and Resilience Facility", "eu-rrf", "funding", "EU", currency="EUR")
ent("European Commission (IPA)", "eu-ipa", "funding", "EU", currency="EUR")
ent("European Union Asylum, Migration and Integration Fund (AMIF)", "eu-amif", "funding", "EU", currency="EUR")
ent("Support to Integrated Border and Migration Management in Libya (SIBMMIL)", "sibmmil", "programme", "EU")
ent("Morocco border management programme", "eutf-morocco-border", "programme", "EU")
ent("Support for Integrated Border and Migration Management in Morocco", "ibm-morocco", "programme", "EU")
# Companies (pmsc: yes where the research table classes them PMSC, no for its
# "contractor" class of non-security suppliers; empty for "subcontractor")
P = dict(pmsc="yes")
ent("Serco", "serco", "company", "GB", **P)
ent("G4S", "g4s", "company", "GB", **P)
ent("G4S Uganda", "g4s-uganda", "company", "UG", icoca="certified", **P)
ent("Global Solutions Ltd (GSL)", "gsl", "company", "GB", **P)
ent("Allied Universal", "allied-universal", "company", "US", **P)
ent("Mitie", "mitie", "company", "GB", **P)
ent("Mitie Care & Custody", "mitie-care-custody", "company", "GB", **P)
ent("Tascor", "tascor", "company", "GB", **P)
ent("Capita", "capita", "company", "GB", **P)
ent("Titan Airways", "titan-airways", "company", "GB", **P)
ent("Serco / Mears / Clearsprings (AASC providers)", "aasc-providers", "company", "GB", **P)
ent("GEO Group", "geo-group", "company", "US", headquarters="Boca Raton, Florida, USA", **P)
ent("CoreCivic (formerly Corrections Corporation of America)", "corecivic", "company", "US",
    headquarters="Nashville, Tennessee, USA", **P)
ent("BI Incorporated", "bi-inc", "company", "US", **P)
ent("Palantir Technologies", "palantir", "company", "US", **P)
ent("Elbit Systems of America (EFW Inc.)", "elbit-america", "company", "US", **P)
ent("Elbit Systems Ltd (Israel)", "elbit-systems", "company", "IL", **P)
ent("Elbit Systems", "elbit-systems-frontex", "company", "IL", **P)
ent("CSI Aviation", "csi-aviation", "company", "US", **P)
ent("Classic Air Charter", "classic-air-charter", "company", "US", **P)
ent("Management & Training Corporation (MTC)", "mtc", "company", "US", **P)
ent("Management & Training Corporation (MTC) Australia", "mtc-australia", "company", "AU", **P)
ent("Secure Journeys", "secure-journeys", "company", "AU", **P)
ent("Transfield Services (later Broadspectrum)", "transfield", "company", "AU", **P)
ent("Ferrovial", "ferrovial", "company", "ES", **P)
ent("Paladin (Paladin Holdings Pte Ltd)", "paladin", "company", "SG", incorporated_in="SG", **P)
ent("Canstruct International", "canstruct", "company", "AU", **P)
ent("Airbus Defence and Space Airborne Solutions (ADAS)", "airbus-adas", "company", "", **P)
ent("Diamond-Executive Aviation (DEA)", "diamond-executive-aviation", "company", "", **P)
ent("Five charter aviation companies (NL, UK, AT)", "frontex-aerial-charter-group", "company", "", **P)
ent("IDEMIA and Sopra Steria consortium", "idemia-sopra-steria", "company", "FR", **P)
ent("Arms, biometrics and surveillance companies (e.g., Airbus, Glock, Heckler & Koch)",
    "frontex-industry-lobby", "company", "", **P)
ent("Leonardo", "leonardo", "company", "IT", **P)
ent("Cantiere Navale Vittoria", "cantiere-navale-vittoria", "company", "IT", **P)
ent("ORS Group (Switzerland)", "ors-group", "company", "CH", **P)
ent("ORS Italia Srl", "ors-italia", "company", "IT", **P)
ent("Ekene (cooperative)", "ekene", "company", "IT", **P)
ent("Indra, Dragados (ACS) and Ferrovial", "indra-dragados-ferrovial", "company", "ES", **P)
ent("UTE Air Europa + Swiftair", "ute-air-europa-swiftair", "company", "ES", **P)
ent("UTE Evelop Airlines + Air Nostrum", "ute-evelop-air-nostrum", "company", "ES", **P)
ent("Air Nostrum", "air-nostrum", "company", "ES", **P)
ent("Otokar", "otokar", "company", "TR", **P)
ent("Aselsan", "aselsan", "company", "TR", **P)
C = dict(pmsc="no")
ent("Carlson Wagonlit Travel", "carlson-wagonlit", "company", "", **C)
ent("Clearsprings Ready Homes", "clearsprings", "company", "GB", **C)
ent("Mears Group", "mears", "company", "GB", **C)
ent("Nakamoto Group", "nakamoto-group", "company", "US", **C)
ent("GlobalX", "globalx", "company", "US")
ent("Hotels and accommodation subcontractors (unnamed)", "aasc-subcontractors", "company", "GB")
ent("Israel Aerospace Industries (IAI)", "iai", "company", "IL")
ent("Journey Aviation", "journey-aviation", "company", "US")
ent("World Atlantic Airlines", "world-atlantic", "company", "US")
ent("Wilson Security", "wilson-security", "company", "AU")
ent("G4S detainee custody officers (3)", "g4s-officers-mubenga", "person", "GB")
ent("Save the Children Australia", "save-the-children-au", "ngo", "AU")
ent("Homo Digitalis, HLHR, HIAS Greece, N. Vavoula", "gr-dpa-complainants", "ngo", "GR")
# Facilities
RC = dict(facility_type="removal_centre"); DT = dict(facility_type="detention")
ent("Yarl's Wood IRC", "yarls-wood", "facility", "GB", capacity="410", **RC)
ent("Brook House IRC", "brook-house", "facility", "GB", **RC)
ent("Tinsley House IRC", "tinsley-house", "facility", "GB", **RC)
ent("Heathrow IRC (Colnbrook and Harmondsworth)", "heathrow-irc", "facility", "GB", **RC)
ent("Colnbrook IRC", "colnbrook", "facility", "GB", **RC)
ent("Harmondsworth IRC", "harmondsworth", "facility", "GB", **RC)
ent("Campsfield House IRC", "campsfield-house", "facility", "GB", **RC)
ent("Dungavel IRC", "dungavel", "facility", "GB", **RC)
ent("UK Home Office deportation charter flights", "uk-charter-flights", "facility", "GB", facility_type="other")
ent("Northwest ICE Processing Center", "northwest-ipc", "facility", "US", capacity="1575", **DT)
ent("Adelanto ICE Processing Center", "adelanto", "facility", "US", **DT)
ent("Stewart Detention Center", "stewart", "facility", "US", capacity="1752", **DT)
ent("South Texas Family Residential Center (Dilley)", "dilley-stfrc", "facility", "US", capacity="2400", **DT)
ent("Aurora ICE Processing Center (Colorado)", "aurora-ipc", "facility", "US", capacity="1532", **DT)
ent("Manus Island Regional Processing Centre", "manus-rpc", "facility", "PG", **DT)
ent("Nauru Regional Processing Centre", "nauru-rpc", "facility", "NR", **DT)
ent("Christmas Island Immigration Detention Centre", "christmas-island-idc", "facility", "AU", **DT)
ent("Samos Closed Controlled Access Centre", "samos-ccac", "facility", "GR", facility_type="reception")
ent("Centri di permanenza per il rimpatrio (10 CPRs)", "it-cpr-network", "facility", "IT", **RC)
ent("CPR Roma Ponte Galeria", "cpr-ponte-galeria", "facility", "IT", **RC)
ent("CPR Gradisca d'Isonzo", "cpr-gradisca", "facility", "IT", **RC)
ent("EU Member State charter return flights (JRO/CRO/NRO)", "eu-return-flights", "facility", "EU", facility_type="other")
# Oversight bodies (independence is left unknown: the rows do not establish it)
ent("HM Inspectorate of Prisons", "hmip", "oversight", "GB")
ent("Independent Monitoring Board (Brook House)", "imb-brook-house", "oversight", "GB")
ent("National Audit Office", "uk-nao", "oversight", "GB")
ent("House of Commons Public Accounts Committee", "uk-pac", "oversight", "GB")
ent("DHS Office of Inspector General", "us-dhs-oig", "oversight", "US")
ent("Australian National Audit Office", "au-anao", "oversight", "AU")
ent("Hellenic Data Protection Authority", "gr-dpa", "oversight", "GR")
ent("Council of Europe Commissioner for Human Rights", "coe-commissioner", "oversight", "INT")
ent("International Code of Conduct Association (ICoCA)", "icoca", "oversight", "INT")
ent("Brook House Inquiry", "brook-house-inquiry", "oversight", "GB")
# Remedy mechanisms
J = dict(mechanism="judicial")
ent("Mubenga inquest (Coroner's court)", "mubenga-inquest", "remedy", "GB", **J)
ent("Crown Prosecution Service", "uk-cps", "remedy", "GB")
ent("State of Washington v. GEO Group / Nwauzor v. GEO (W.D. Wash.)", "wa-v-geo", "remedy", "US", **J)
ent("Menocal v. GEO Group (D. Colo., 14-cv-02887)", "menocal-v-geo", "remedy", "US", **J)
ent("Kamasaee v Commonwealth (Supreme Court of Victoria class action)", "kamasaee-v-commonwealth", "remedy", "AU", **J)
ent("Papua New Guinea Supreme Court", "png-supreme-court", "remedy", "PG", **J)
# Instruments, systems, incidents
ent("Montreux Document", "montreux-document", "instrument", "INT")
ent("International Code of Conduct for Private Security Service Providers (ICoC)", "icoc", "instrument", "INT")
ent("SIVE (Sistema Integrado de Vigilancia Exterior)", "sive", "system", "ES")
ent("Centaur and Hyperion surveillance/entry-exit systems (Aegean island centres)", "centaur-hyperion", "system", "GR")
ent("BBC Panorama 'Undercover: Britain's Immigration Secrets' (abuse, use of force, racist language)",
    "incident-brook-house-2017", "incident", "GB")
ent("Death of Jimmy Mubenga during removal on BA77 Heathrow-Luanda", "incident-mubenga-2010", "incident", "GB")
ent("Deaths in custody (incl. Efrain De La Rosa 2018; Salvador Vargas, 11th death)", "incident-stewart-deaths", "incident", "US")
ent("Feb 2014 violence: Reza Berati killed, 77 injured", "incident-manus-2014", "incident", "PG")
ent("~100,000 people intercepted at sea and returned to Libya (2017-Oct 2022)", "incident-libya-interceptions", "incident", "LY")
# Places: not entities; `located_in` goes to the state, `headquartered_in` becomes attributes.
PLACES = {
    "near Gatwick Airport, West Sussex, United Kingdom": "gb",
    "Tacoma, Washington, USA": "us",
    "Boca Raton, Florida, USA": None, "Nashville, Tennessee, USA": None, "Singapore (contracting entity)": None,
}
# Raw names that stand for several entities.
SPLIT = {
    "Journey Aviation; World Atlantic Airlines": ["Journey Aviation", "World Atlantic Airlines"],
    "Switzerland, United Kingdom, United States, Australia": ["Switzerland", "United Kingdom", "United States", "Australia"],
}
# Rows whose source backs an entity attribute (capacity, pass-through, headquarters, …).
ATTR_ROWS = {2: ["yarls-wood"], 42: ["northwest-ipc"], 52: ["stewart"], 58: ["dilley-stfrc"], 70: ["aurora-ipc"],
             56: ["us-city-dilley"], 57: ["us-city-eloy"], 73: ["geo-group"], 74: ["corecivic"], 91: ["paladin"],
             149: ["g4s-uganda"]}
MONTREUX_ROWS = range(140, 148)

RELATION_KIND = {
    "contracts": "contracts", "subcontracts": "subcontracts", "operates": "operates", "funds": "funds",
    "parent_of": "owns", "oversees": "oversees", "inspects": "oversees", "regulates": "oversees",
    "located_in": "located_in", "member_of": "member_of", "reported_incident": "incident",
    "provides_security_at": "operates",
}
CUSTOM_RELATIONS = ["rules_against", "settles_with", "charges", "defendant_in", "complains_to", "raised_concern",
                    "shares_data_with", "coordinates", "supplies", "lobbied", "drafted", "implements"]
FUNCTION = {
    "detention": "detention_operation", "escort/deportation": "escort", "reception/accommodation": "accommodation",
    "biometrics/data": "biometrics_it", "border surveillance tech": "surveillance",
    "border surveillance tech (aerial)": "surveillance", "alternatives to detention (monitoring)": "surveillance",
    "reception/closed centre": "accommodation", "detention (welfare services)": "other",
    "externalization/border equipment": "other", "externalization/SAR-interception": "other",
}
# Per-row function where the note says more than the block's tag.
FUNCTION_ROW = {49: "other", 77: "custody_security", 78: "custody_security", 90: "custody_security",
                111: "custody_security", 66: "removal_flights", 67: "removal_flights", 68: "removal_flights",
                69: "removal_flights", 135: "removal_flights", 136: "removal_flights", 137: "removal_flights",
                31: "removal_flights"}
# Facility scope of contractual rows, where the note names the facilities.
SCOPE = {1: ["yarls-wood"], 3: ["yarls-wood"], 5: ["brook-house", "tinsley-house"], 15: ["heathrow-irc"],
         41: ["northwest-ipc"], 46: ["adelanto"], 51: ["stewart"], 55: ["dilley-stfrc"], 56: ["dilley-stfrc"],
         57: ["dilley-stfrc"], 75: ["nauru-rpc", "manus-rpc"], 76: ["manus-rpc", "nauru-rpc"], 77: ["manus-rpc"],
         78: ["nauru-rpc"], 83: ["nauru-rpc"], 90: ["manus-rpc"], 93: ["nauru-rpc"], 95: ["nauru-rpc"],
         109: ["samos-ccac"], 125: ["it-cpr-network"]}
SOURCE_TYPE = {
    "official": ["National Audit Office", "DHS Office of Inspector General", "Brook House Inquiry",
                 "House of Commons Public Accounts Committee", "Washington State Office of the Attorney General",
                 "Hellenic Data Protection Authority", "European Commission", "Swiss Federal Department of Foreign Affairs (EDA)",
                 "EU Emergency Trust Fund for Africa (via docslib)", "European Commission (via European Sources Online)",
                 "EIN / OHCHR"],
    "court": ["Supreme Court of Victoria"],
    "company": ["Mitie", "Mitie (press release)", "Infologue (G4S release)", "International Code of Conduct Association"],
    "ngo": ["Corporate Watch", "Statewatch", "Detention Action", "Global Detention Project", "Project On Government Oversight",
            "Project on Government Oversight via Yahoo News", "Liberty Investigates / openDemocracy",
            "Business & Human Rights Resource Centre", "Texas Prison Bid'ness", "Málaga Acoge", "Powerbase",
            "CILIP / Bürgerrechte & Polizei", "Fund for Investigative Journalism via Yahoo News", "Altreconomia"],
    "other": ["piglix / Wikipedia", "WikiMili (Wikipedia mirror)", "readthegovcontract.com", "solicitorsfirm.com",
              "New Zealand Law Society"],
}
STYPE = {p: t for t, ps in SOURCE_TYPE.items() for p in ps}

def slug(s, n=24):
    """Lower-case words joined by '-', cut at a word boundary to at most n characters."""
    s = re.sub(r"\([^)]*\)", "", s)
    words = re.sub(r"[^a-z0-9]+", " ", s.lower()).split()
    out = ""
    for w in words:
        if out and len(out) + 1 + len(w) > n:
            break
        out = f"{out}-{w}" if out else w[:n]
    return out or "src"

# Sources, one per URL, ids from the publisher and year, in order of first use.
sources, source_by_url, used_ids = [], {}, set()
for r in rows:
    url = r["citation_url"]
    if url in source_by_url:
        continue
    year = r["citation_year"]
    base = slug(r["citation_publisher"].split(" via ")[0].split(" / ")[0], 20) + "-" + (re.sub(r"\D", "", year) or "nd")
    sid, k = base, 2
    while sid in used_ids:
        sid = f"{base}-{k}"; k += 1
    used_ids.add(sid)
    s = {"id": sid, "title": r["citation_title"], "publisher": r["citation_publisher"], "url": url,
         "source_type": STYPE.get(r["citation_publisher"], "media")}
    if re.fullmatch(r"\d{4}", year):
        s["date"] = year
    elif year.startswith("c."):
        s["date_note"] = f"approximate publication year {year[2:]}"
    else:
        s["date_note"] = "no publication date"
    sources.append(s)
    source_by_url[url] = sid

def names(raw):
    return SPLIT.get(raw, [raw])

entities, ent_index = [], {}
def entity(name):
    eid, kind, country, attrs = E[name]
    if eid not in ent_index:
        e = {"id": eid, "name": name, "kind": kind}
        if country: e["country"] = country
        aliases = [n for n, v in E.items() if v[0] == eid and n != name]
        if aliases: e["aliases"] = aliases
        e.update(attrs)
        ent_index[eid] = e
        entities.append(e)
    return ent_index[eid]

def cite(e, sid):
    e.setdefault("sources", [])
    if sid not in e["sources"]: e["sources"].append(sid)

relations = []
for i, (r, n) in enumerate(zip(rows, notes), 1):
    sid = source_by_url[r["citation_url"]]
    raw_kind = r["relation"]
    if raw_kind == "headquartered_in":
        continue  # recorded as attributes of the company, cited through ATTR_ROWS
    kind = RELATION_KIND.get(raw_kind, raw_kind)
    assert kind in RELATION_KIND.values() or kind in CUSTOM_RELATIONS, raw_kind
    for sname in names(r["source"]):
        tnames = names(r["target"])
        for tname in tnames:
            src = entity(sname)
            if r["target"] in PLACES:
                state = PLACES[r["target"]]
                tgt = next(v for v in ent_index.values() if v["id"] == state) if state in ent_index else entity(
                    next(k for k, v in E.items() if v[0] == state))
            else:
                tgt = entity(tname)
            rel = {"id": f"bo{i:03d}" + ("" if len(tnames) == 1 and len(names(r['source'])) == 1 else
                                          "-" + (tgt["id"] if len(tnames) > 1 else src["id"])),
                   "source": src["id"], "target": tgt["id"], "kind": kind}
            if kind in ("contracts", "subcontracts", "operates"):
                rel["function"] = FUNCTION_ROW.get(i) or FUNCTION[n["function"]]
            if i in SCOPE:
                rel["facilities"] = SCOPE[i]
            if r["start"]: rel["start"] = r["start"]
            if r["end"]: rel["end"] = r["end"]
            if r["value"]:
                rel["value"] = r["value"]; rel["currency"] = r["currency"]
            rel["evidence"] = {"high": "confirmed", "medium": "reported"}[r["confidence"]]
            rel["sources"] = [sid]
            note = n["notes"]
            if raw_kind != kind and "original relation" not in note:
                note = (note + "; " if note else "") + f"original relation: {raw_kind}"
            if r["target"] in PLACES:
                note = (note + "; " if note else "") + f"location: {r['target']}"
            if note: rel["notes"] = note
            rel["jurisdiction"] = n["jurisdiction"]
            rel["row"] = str(i)
            relations.append(rel)
    if i in ATTR_ROWS:
        for eid in ATTR_ROWS[i]:
            cite(entity(next(k for k, v in E.items() if v[0] == eid)), sid)
    if i in MONTREUX_ROWS:
        st = entity(r["source"])
        if st["kind"] == "state":
            st["montreux"] = "yes"
            cite(st, sid)

# --- Enrichment for the accountability metrics ---------------------------------------------
# What the metrics need (remedy routes, jurisdiction, oversight independence, red-flag fields),
# added only where a source already in the table supports it; the reason is in each note.
# Everything else the metrics read stays unknown: nothing is added to make a metric defined.
REL_ATTRS = {
    # raw note: "2017 contract $385m amended 8 times without competitive tender"
    "bo093": {"modifications": "8"},
    # raw notes: "via limited tender" -- Australian procurement's limited tender is a negotiated
    # approach to chosen suppliers without open competition
    "bo090": {"procedure": "negotiated"},
    "bo095": {"procedure": "negotiated"},
}
ENTITY_ATTRS = {
    # raw note on row 13: "independent inspections of IRCs"
    "hmip": ({"independent": "yes"}, "brook-house-inquiry-nd-2"),
}
EXTRA = [
    # Courts that held a company or the State to account have jurisdiction over it; a court's
    # jurisdiction is standing, so no start date (the ruling only proves it).
    ("wa-v-geo", "geo-group", "jurisdiction_over", "", "", "confirmed", "the-sub-times-2021",
     "the court held GEO liable (rules_against bo044, bo045)"),
    ("menocal-v-geo", "geo-group", "jurisdiction_over", "", "", "confirmed", "colorado-politics-2022",
     "the court denied GEO derivative immunity (rules_against bo071)"),
    ("kamasaee-v-commonwealth", "au", "jurisdiction_over", "", "", "confirmed", "supreme-court-of-2017",
     "defendant in the class action settled for A$70m (settles_with bo085)"),
    ("kamasaee-v-commonwealth", "g4s", "jurisdiction_over", "", "", "confirmed", "new-zealand-law-2017",
     "co-defendant (settles_with bo086)"),
    ("kamasaee-v-commonwealth", "transfield", "jurisdiction_over", "", "", "confirmed",
     "new-zealand-law-2017", "co-defendant (settles_with bo087)"),
    ("kamasaee-v-commonwealth", "wilson-security", "jurisdiction_over", "", "", "confirmed",
     "new-zealand-law-2017", "joined as defendant (defendant_in bo088)"),
    # Routes people held at a facility actually used.
    ("manus-rpc", "kamasaee-v-commonwealth", "accessible_to", "2014", "2017-09-06", "confirmed", "supreme-court-of-2017",
     "class action of people detained on Manus Island, Nov 2012 - May 2016"),
    ("aurora-ipc", "menocal-v-geo", "accessible_to", "2014", "", "confirmed", "colorado-politics-2022",
     "forced-labour class action of people detained at the Aurora centre (case 14-cv-02887)"),
    ("northwest-ipc", "wa-v-geo", "accessible_to", "", "", "reported", "the-sub-times-2021",
     "back-pay award to detainee workers (Nwauzor class action alongside the State's suit); the source does not name the facility"),
]
# HMIP's remit covers immigration removal centres in England (raw note on row 13); the table
# cites it only for Brook House, so the other English IRCs carry `reported` evidence.
for fid in ["yarls-wood", "tinsley-house", "heathrow-irc", "colnbrook", "harmondsworth", "campsfield-house"]:
    EXTRA.append(("hmip", fid, "oversees", "", "", "reported", "brook-house-inquiry-nd-2",
                  "HMIP inspects immigration removal centres; the source describes its IRC inspections generally"))

by_rel = {r["id"]: r for r in relations}
for rid, attrs in REL_ATTRS.items():
    by_rel[rid].update(attrs)
for eid, (attrs, sid) in ENTITY_ATTRS.items():
    ent_index[eid].update(attrs)
    cite(ent_index[eid], sid)
known_sources = {s["id"] for s in sources}
for k, (a, b, kind, start, end, evidence, sid, note) in enumerate(EXTRA, 1):
    assert a in ent_index and b in ent_index and sid in known_sources, (a, b, sid)
    rel = {"id": f"gm{k:03d}", "source": a, "target": b, "kind": kind}
    if start: rel["start"] = start
    if end: rel["end"] = end
    rel.update({"evidence": evidence, "sources": [sid], "notes": "enrichment: " + note})
    relations.append(rel)

# --- Research fragments (issue 14): research/*.json, applied in name order -----------------
# Each fragment is one region's research: new sources (with locators), corrections to rows,
# new entities and relations, every fact cited. See research/README.md for the format.
import glob

def apply_fragment(path):
    frag = json.load(open(path, encoding="utf-8"))
    where = os.path.basename(path)
    src_index = {s["id"]: s for s in sources}
    for s in frag.get("sources", []):
        assert s["id"] not in src_index, (where, "duplicate source", s["id"])
        s = {k: v for k, v in s.items() if v not in ("", None)}
        sources.append(s)
        src_index[s["id"]] = s
    def update(obj, changes, what):
        for k, v in changes.items():
            if k == "id":
                continue
            if k == "sources":
                for sid in v:
                    assert sid in src_index, (where, what, "unknown source", sid)
                    obj.setdefault("sources", [])
                    if sid not in obj["sources"]:
                        obj["sources"].append(sid)
            elif v == "" or v is None or v == {} or v == []:
                obj.pop(k, None)
            else:
                obj[k] = v
    for sid, changes in frag.get("source_updates", {}).items():
        assert sid in src_index, (where, "source_updates: unknown source", sid)
        update(src_index[sid], changes, sid)
    for e in frag.get("entities", []):
        assert e["id"] not in ent_index, (where, "duplicate entity", e["id"])
        e = {k: v for k, v in e.items() if v not in ("", None, {}, [])}
        for sid in e.get("sources", []):
            assert sid in src_index, (where, e["id"], "unknown source", sid)
        ent_index[e["id"]] = e
        entities.append(e)
    for eid, changes in frag.get("entity_updates", {}).items():
        assert eid in ent_index, (where, "entity_updates: unknown entity", eid)
        update(ent_index[eid], changes, eid)
    rel_index = {r["id"]: r for r in relations}
    for r in frag.get("relations", []):
        assert r["id"] not in rel_index, (where, "duplicate relation", r["id"])
        r = {k: v for k, v in r.items() if v not in ("", None, {}, [])}
        for sid in r.get("sources", []):
            assert sid in src_index, (where, r["id"], "unknown source", sid)
        relations.append(r)
        rel_index[r["id"]] = r
    for rid, changes in frag.get("relation_updates", {}).items():
        assert rid in rel_index, (where, "relation_updates: unknown relation", rid)
        update(rel_index[rid], changes, rid)

for path in sorted(glob.glob(os.path.join(HERE, "research", "*.json"))):
    apply_fragment(path)

dataset = {
    "title": "PMSCs in immigration detention and border control: a cited network",
    "description": ("States, agencies, private military and security companies, subcontractors, facilities, "
                    "funding, oversight and remedy in the UK, US, Australia/Nauru/PNG, EU/Frontex, Italy/Libya, "
                    "Greece, Spain/Morocco and Turkey, 2004-2025, built from 150 relations gathered from public "
                    "sources for the themes of UN report A/HRC/45/9 (2020) and A/72/286 (2017)."),
    "license": "CC-BY-4.0 (this compilation; the cited sources keep their own terms)",
    "version": "1.0.0",
    "as_of": "2025",
    "kinds": {"entity": ["ngo", "programme", "instrument", "system", "incident"], "relation": CUSTOM_RELATIONS},
    "raw_table": "build/raw/relations.csv (+ relation_notes.csv); the relation column `row` is the raw row number",
}
json.dump({"gapmap": 1, "dataset": dataset, "entities": entities, "relations": relations, "sources": sources},
          sys.stdout, ensure_ascii=False, indent=1)
sys.stdout.write("\n")

#!/usr/bin/env python3
"""A deterministic ACLED-shaped export for the import benchmark (bench/events.sh).

    bench/acled-gen.py N > acled.csv

N events (default 1,000,000) in ACLED's 31-column export format, dyadic, over 60 countries (the
OIC's member states where conflict events are frequent, and others), ten years (2014-2023), with
ACLED's event types and sub-types in realistic proportions, actors, places, coordinates, sources and
a sentence of notes. The same N gives the same bytes (a fixed seed).
"""
import random
import sys

# (ISO numeric, name, region, admin1 places)
COUNTRIES = [
    (729, "Sudan", "Northern Africa", ["Khartoum", "North Darfur", "South Darfur", "Blue Nile", "Kassala"]),
    (887, "Yemen", "Middle East", ["Sanaa", "Taizz", "Marib", "Hodeidah", "Aden"]),
    (760, "Syria", "Middle East", ["Idlib", "Aleppo", "Deir ez Zor", "Damascus", "Hama"]),
    (368, "Iraq", "Middle East", ["Baghdad", "Ninewa", "Anbar", "Kirkuk", "Basrah"]),
    (4, "Afghanistan", "Caucasus and Central Asia", ["Kabul", "Helmand", "Kandahar", "Nangarhar", "Balkh"]),
    (586, "Pakistan", "Southern Asia", ["Punjab", "Sindh", "Khyber Pakhtunkhwa", "Balochistan"]),
    (706, "Somalia", "Eastern Africa", ["Banadir", "Lower Shabelle", "Bay", "Hiraan", "Gedo"]),
    (566, "Nigeria", "Western Africa", ["Borno", "Zamfara", "Kaduna", "Lagos", "Rivers"]),
    (466, "Mali", "Western Africa", ["Mopti", "Gao", "Timbuktu", "Segou"]),
    (854, "Burkina Faso", "Western Africa", ["Sahel", "Est", "Nord", "Centre-Nord"]),
    (562, "Niger", "Western Africa", ["Tillaberi", "Diffa", "Tahoua", "Niamey"]),
    (148, "Chad", "Middle Africa", ["Lac", "Ouaddai", "NDjamena"]),
    (120, "Cameroon", "Middle Africa", ["Far North", "North-West", "South-West"]),
    (434, "Libya", "Northern Africa", ["Tripoli", "Benghazi", "Misrata", "Sabha"]),
    (275, "Palestine", "Middle East", ["Gaza Strip", "West Bank"]),
    (422, "Lebanon", "Middle East", ["Beirut", "South Lebanon", "Bekaa"]),
    (50, "Bangladesh", "Southern Asia", ["Dhaka", "Chittagong", "Khulna"]),
    (818, "Egypt", "Northern Africa", ["North Sinai", "Cairo", "Giza"]),
    (792, "Turkey", "Europe", ["Diyarbakir", "Hakkari", "Sirnak", "Istanbul"]),
    (364, "Iran", "Middle East", ["Sistan and Baluchestan", "Tehran", "Kurdistan"]),
    (12, "Algeria", "Northern Africa", ["Algiers", "Tizi Ouzou", "Ouargla"]),
    (788, "Tunisia", "Northern Africa", ["Tunis", "Kasserine", "Sfax"]),
    (504, "Morocco", "Northern Africa", ["Casablanca-Settat", "Rabat-Sale-Kenitra"]),
    (478, "Mauritania", "Western Africa", ["Nouakchott", "Hodh Ech Chargui"]),
    (686, "Senegal", "Western Africa", ["Dakar", "Ziguinchor"]),
    (324, "Guinea", "Western Africa", ["Conakry", "Nzerekore"]),
    (270, "Gambia", "Western Africa", ["Banjul"]),
    (458, "Malaysia", "South-Eastern Asia", ["Kuala Lumpur", "Sabah"]),
    (360, "Indonesia", "South-Eastern Asia", ["Papua", "Jakarta", "Central Sulawesi"]),
    (31, "Azerbaijan", "Caucasus and Central Asia", ["Baku", "Tovuz"]),
    (417, "Kyrgyzstan", "Caucasus and Central Asia", ["Batken", "Bishkek"]),
    (762, "Tajikistan", "Caucasus and Central Asia", ["Gorno-Badakhshan", "Dushanbe"]),
    (398, "Kazakhstan", "Caucasus and Central Asia", ["Almaty", "Mangystau"]),
    (860, "Uzbekistan", "Caucasus and Central Asia", ["Karakalpakstan", "Tashkent"]),
    (400, "Jordan", "Middle East", ["Amman", "Irbid"]),
    (682, "Saudi Arabia", "Middle East", ["Jazan", "Najran", "Riyadh"]),
    (24, "Angola", "Middle Africa", ["Luanda", "Cabinda"]),
    (180, "Democratic Republic of Congo", "Middle Africa", ["North Kivu", "South Kivu", "Ituri", "Kinshasa"]),
    (140, "Central African Republic", "Middle Africa", ["Ouham", "Haute-Kotto", "Bangui"]),
    (728, "South Sudan", "Eastern Africa", ["Jonglei", "Unity", "Central Equatoria"]),
    (231, "Ethiopia", "Eastern Africa", ["Amhara", "Oromia", "Tigray"]),
    (404, "Kenya", "Eastern Africa", ["Nairobi", "Mandera", "Lamu"]),
    (508, "Mozambique", "Eastern Africa", ["Cabo Delgado", "Maputo"]),
    (800, "Uganda", "Eastern Africa", ["Kampala", "Karamoja"]),
    (108, "Burundi", "Eastern Africa", ["Bujumbura Mairie", "Cibitoke"]),
    (356, "India", "Southern Asia", ["Manipur", "Jammu and Kashmir", "Chhattisgarh"]),
    (104, "Myanmar", "South-Eastern Asia", ["Rakhine", "Kachin", "Sagaing", "Shan-North"]),
    (608, "Philippines", "South-Eastern Asia", ["Maguindanao", "Sulu", "Metro Manila"]),
    (804, "Ukraine", "Europe", ["Donetsk", "Luhansk", "Kharkiv", "Zaporizhia"]),
    (643, "Russia", "Europe", ["Dagestan", "Belgorod", "Kursk"]),
    (484, "Mexico", "Caribbean and Central America", ["Guerrero", "Michoacan", "Jalisco"]),
    (170, "Colombia", "South America", ["Cauca", "Antioquia", "Narino"]),
    (76, "Brazil", "South America", ["Rio de Janeiro", "Bahia", "Para"]),
    (862, "Venezuela", "South America", ["Zulia", "Caracas"]),
    (332, "Haiti", "Caribbean and Central America", ["Ouest", "Artibonite"]),
    (604, "Peru", "South America", ["Lima", "Puno"]),
    (710, "South Africa", "Southern Africa", ["Gauteng", "KwaZulu-Natal"]),
    (716, "Zimbabwe", "Southern Africa", ["Harare"]),
    (50, "Bangladesh", "Southern Asia", ["Sylhet"]),
    (356, "India", "Southern Asia", ["Maharashtra"]),
]

TYPES = [  # (event type, sub-type, inter1, inter2, weight, fatality scale)
    ("Battles", "Armed clash", 1, 2, 18, 6),
    ("Battles", "Government regains territory", 1, 2, 1, 8),
    ("Battles", "Non-state actor overtakes territory", 2, 1, 1, 8),
    ("Explosions/Remote violence", "Shelling/artillery/missile attack", 1, 2, 9, 3),
    ("Explosions/Remote violence", "Air/drone strike", 1, 2, 6, 4),
    ("Explosions/Remote violence", "Remote explosive/landmine/IED", 2, 1, 4, 2),
    ("Explosions/Remote violence", "Suicide bomb", 2, 7, 1, 10),
    ("Explosions/Remote violence", "Grenade", 3, 7, 1, 1),
    ("Violence against civilians", "Attack", 3, 7, 10, 2),
    ("Violence against civilians", "Abduction/forced disappearance", 3, 7, 3, 0),
    ("Violence against civilians", "Sexual violence", 3, 7, 1, 0),
    ("Protests", "Peaceful protest", 6, 0, 22, 0),
    ("Protests", "Protest with intervention", 6, 1, 3, 0),
    ("Protests", "Excessive force against protesters", 1, 6, 1, 1),
    ("Riots", "Violent demonstration", 5, 1, 5, 0),
    ("Riots", "Mob violence", 5, 7, 3, 1),
    ("Strategic developments", "Arrests", 1, 7, 3, 0),
    ("Strategic developments", "Looting/property destruction", 3, 7, 2, 0),
    ("Strategic developments", "Agreement", 1, 2, 1, 0),
    ("Strategic developments", "Change to group/activity", 2, 0, 1, 0),
    ("Strategic developments", "Disrupted weapons use", 1, 2, 1, 0),
    ("Strategic developments", "Headquarters or base established", 2, 0, 1, 0),
    ("Strategic developments", "Non-violent transfer of territory", 2, 1, 1, 0),
    ("Strategic developments", "Other", 8, 0, 1, 0),
]
INTER = ["", "State forces", "Rebel group", "Political militia", "Identity militia", "Rioters", "Protesters",
         "Civilians", "External/Other forces"]
DISORDER = {"Battles": "Political violence", "Explosions/Remote violence": "Political violence",
            "Violence against civilians": "Political violence", "Protests": "Demonstrations",
            "Riots": "Political violence; Demonstrations", "Strategic developments": "Strategic developments"}
SOURCES = ["Radio Dabanga", "Reuters", "Sudan Tribune", "Dawn", "Al Jazeera", "AFP", "Premium Times", "Xinhua",
           "Agence Nigerienne de Presse", "Shabelle Media Network", "Jordan Times", "Local partners"]
VERBS = ["clashed with", "attacked", "shelled positions of", "fought", "ambushed", "abducted members of"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]


# the actor of each inter code (0: none), {} the country
ACTORS = ["", "Military Forces of {}", "Rebels ({})", "Unidentified Armed Group ({})", "Communal Militia ({})",
          "Rioters ({})", "Protesters ({})", "Civilians ({})", "Foreign Forces ({})"]


def actor(country, inter):
    return ACTORS[inter].format(country)


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1000000
    rnd = random.Random(20240601)
    weights = [t[4] for t in TYPES]
    out = sys.stdout
    out.write("event_id_cnty,event_date,year,time_precision,disorder_type,event_type,sub_event_type,actor1,"
              "assoc_actor_1,inter1,actor2,assoc_actor_2,inter2,interaction,civilian_targeting,iso,region,country,"
              "admin1,admin2,admin3,location,latitude,longitude,geo_precision,source,source_scale,notes,fatalities,"
              "tags,timestamp\n")
    seq = {}
    lines = []
    types = rnd.choices(TYPES, weights=weights, k=n)
    for i in range(n):
        num, country, region, admins = COUNTRIES[rnd.randrange(len(COUNTRIES))]
        etype, sub, i1, i2, _, scale = types[i]
        code = f"{country[:3].upper()}{num:03d}"
        seq[code] = seq.get(code, 0) + 1
        y = 2014 + rnd.randrange(10)
        m = 1 + rnd.randrange(12)
        d = 1 + rnd.randrange(28)
        a1 = actor(country, i1)
        a2 = actor(country, i2)
        adm1 = admins[rnd.randrange(len(admins))]
        place = f"{adm1} {rnd.randrange(40)}" if rnd.random() < 0.6 else adm1
        lat = (num % 60) - 20 + rnd.random() * 4
        lon = (num % 170) - 60 + rnd.random() * 4
        fat = int(rnd.expovariate(1 / scale)) if scale else 0
        src = SOURCES[rnd.randrange(len(SOURCES))]
        notes = (f"On {d:02d} {MONTHS[m - 1]} {y}, "
                 f"{a1 or 'unknown actors'} {VERBS[rnd.randrange(len(VERBS))]} {a2 or 'people'} in {place} ({adm1}). "
                 f"{fat} fatalities reported.")
        civ = "Civilian targeting" if i2 == 7 else ""
        lines.append(f"{code}{seq[code]},{y}-{m:02d}-{d:02d},{y},{1 + (rnd.random() < 0.1)},{DISORDER[etype]},{etype},"
                     f"{sub},{a1},,{i1},{a2},,{i2},{i1 * 10 + i2},{civ},{num},{region},{country},{adm1},,,{place},"
                     f"{lat:.4f},{lon:.4f},{1 + (rnd.random() < 0.2)},{src},National,\"{notes}\",{fat},,"
                     f"{1600000000 + i}\n")
        if len(lines) >= 10000:
            out.write("".join(lines))
            lines = []
    out.write("".join(lines))


if __name__ == "__main__":
    main()

package io.revbot.tools.demo;

import java.util.List;
import java.util.SplittableRandom;

/** Word lists the generator draws names, titles and industries from. Order matters: it is part of the seed. */
final class Vocabulary {
    private Vocabulary() {}

    static final List<String> FIRST_NAMES = List.of(
            "Olivia",
            "Liam",
            "Emma",
            "Noah",
            "Ava",
            "Ethan",
            "Sophia",
            "Lucas",
            "Isabella",
            "Mason",
            "Mia",
            "Logan",
            "Amelia",
            "James",
            "Harper",
            "Elijah",
            "Evelyn",
            "Aiden",
            "Abigail",
            "Carlos",
            "Priya",
            "Arjun",
            "Mei",
            "Wei",
            "Hiroshi",
            "Yuki",
            "Fatima",
            "Omar",
            "Lena",
            "Jonas",
            "Chloe",
            "Mateo",
            "Sofia",
            "Diego",
            "Ananya",
            "Rahul",
            "Grace",
            "Daniel",
            "Nora",
            "Samuel",
            "Leila",
            "Tariq",
            "Ingrid",
            "Lars",
            "Camila",
            "Gabriel",
            "Zoe",
            "Nathan",
            "Hannah",
            "Kenji",
            "Aisha",
            "David",
            "Elena",
            "Marco",
            "Julia",
            "Felix",
            "Clara",
            "Oscar",
            "Maria",
            "Thomas",
            "Rachel",
            "Victor",
            "Naomi",
            "Simon",
            "Dana",
            "Ravi",
            "Anika");

    static final List<String> LAST_NAMES = List.of(
            "Smith",
            "Johnson",
            "Williams",
            "Brown",
            "Jones",
            "Garcia",
            "Miller",
            "Davis",
            "Rodriguez",
            "Martinez",
            "Hernandez",
            "Lopez",
            "Wilson",
            "Anderson",
            "Thomas",
            "Taylor",
            "Moore",
            "Jackson",
            "Martin",
            "Lee",
            "Patel",
            "Shah",
            "Nguyen",
            "Kim",
            "Tanaka",
            "Sato",
            "Muller",
            "Schmidt",
            "Rossi",
            "Dubois",
            "Novak",
            "Kowalski",
            "Andersen",
            "Larsen",
            "Silva",
            "Costa",
            "Singh",
            "Gupta",
            "Cohen",
            "Levi",
            "Okafor",
            "Mensah",
            "Haddad",
            "Khan",
            "Walsh",
            "Murphy",
            "Fischer",
            "Weber",
            "Romano",
            "Ivanova",
            "Park",
            "Chen",
            "Wong",
            "Yamamoto",
            "Bauer",
            "Hughes",
            "Reyes",
            "Morales",
            "Ortiz",
            "Foster",
            "Bennett",
            "Price");

    static final List<String> NAME_STEMS = List.of(
            "Acme",
            "Apex",
            "Beacon",
            "Bluebird",
            "Cascade",
            "Cedar",
            "Cirrus",
            "Clearwater",
            "Copper",
            "Crescent",
            "Delta",
            "Echo",
            "Ember",
            "Evergreen",
            "Falcon",
            "Fjord",
            "Frontier",
            "Galaxy",
            "Granite",
            "Harbor",
            "Horizon",
            "Indigo",
            "Iron",
            "Juniper",
            "Kestrel",
            "Keystone",
            "Lakeside",
            "Larkspur",
            "Lighthouse",
            "Magnolia",
            "Maple",
            "Meridian",
            "Mosaic",
            "Nimbus",
            "Nova",
            "Oakridge",
            "Onyx",
            "Pacific",
            "Paragon",
            "Peregrine",
            "Pinnacle",
            "Pioneer",
            "Polar",
            "Prism",
            "Quartz",
            "Radiant",
            "Redwood",
            "Ridgeline",
            "Riverbend",
            "Sable",
            "Saffron",
            "Sapphire",
            "Sequoia",
            "Sierra",
            "Silverline",
            "Solstice",
            "Sparrow",
            "Summit",
            "Sunrise",
            "Tandem",
            "Terra",
            "Thunder",
            "Tidal",
            "Titan",
            "Trident",
            "Tundra",
            "Umbra",
            "Union",
            "Urban",
            "Vanguard",
            "Velocity",
            "Verdant",
            "Vista",
            "Wavelength",
            "Willow",
            "Zenith",
            "Zephyr",
            "Aurora",
            "Blackstone",
            "Brightwater",
            "Canyon",
            "Cobblestone",
            "Driftwood",
            "Fairway",
            "Goldleaf",
            "Highland",
            "Ironclad",
            "Lantern",
            "Moonstone",
            "Northstar",
            "Parkview",
            "Quill",
            "Rainier",
            "Stonebridge",
            "Timberline",
            "Westwind",
            "Yellowtail",
            "Bayside",
            "Citadel",
            "Dune");

    static final List<String> NAME_SUFFIXES = List.of(
            "Analytics",
            "Labs",
            "Systems",
            "Software",
            "Health",
            "Bank",
            "Capital",
            "Logistics",
            "Retail",
            "Media",
            "Games",
            "Energy",
            "Foods",
            "Motors",
            "Networks",
            "Security",
            "Insurance",
            "Pharma",
            "Telecom",
            "Travel",
            "Commerce",
            "Cloud",
            "Data",
            "AI",
            "Robotics",
            "Payments",
            "Mobility",
            "Freight",
            "Markets",
            "Studios",
            "Learning",
            "Bio",
            "Financial",
            "Interactive",
            "Technologies",
            "Group",
            "Holdings",
            "Partners",
            "Digital",
            "Devices");

    static final List<String> COMPANY_ENDINGS = List.of("Inc", "Co", "Ltd", "GmbH", "LLC", "Corp");

    record Industry(String name, List<String> subIndustries) {}

    static final List<Industry> INDUSTRIES = List.of(
            new Industry("Software", List.of("SaaS", "Developer Tools", "Security", "Data Infrastructure")),
            new Industry("Financial Services", List.of("Banking", "Payments", "Insurance", "Fintech")),
            new Industry("Healthcare", List.of("Health Tech", "Biotech", "Providers", "Pharma")),
            new Industry("Retail", List.of("E-commerce", "Marketplaces", "Consumer Goods")),
            new Industry("Media & Entertainment", List.of("Streaming", "Gaming", "Ad Tech", "Publishing")),
            new Industry("Transportation & Logistics", List.of("Freight", "Mobility", "Supply Chain")),
            new Industry("Telecommunications", List.of("Carriers", "Network Services")),
            new Industry("Manufacturing", List.of("Industrial IoT", "Automotive", "Electronics")),
            new Industry("Education", List.of("EdTech", "Higher Education")),
            new Industry("Professional Services", List.of("Consulting", "Marketing Services")));

    static final double[] INDUSTRY_WEIGHTS = {0.26, 0.13, 0.1, 0.1, 0.11, 0.08, 0.05, 0.07, 0.04, 0.06};

    record Region(String name, List<String> countries) {}

    static final List<Region> REGIONS = List.of(
            new Region("NA", List.of("US", "US", "US", "US", "CA")),
            new Region("EMEA", List.of("GB", "DE", "FR", "NL", "IL", "SE", "ES", "IE")),
            new Region("APAC", List.of("AU", "SG", "JP", "IN", "KR")),
            new Region("LATAM", List.of("BR", "MX", "AR", "CO")));

    static final double[] REGION_WEIGHTS = {0.52, 0.28, 0.14, 0.06};

    static final List<String> CLOUDS = List.of("AWS", "AWS", "AWS", "GCP", "Azure");

    static final List<String> INCUMBENT_WAREHOUSES =
            List.of("Snowflake", "Redshift", "BigQuery", "Databricks", "ClickHouse", "PostgreSQL", "Druid");

    static final List<String> STACK_TOOLS = List.of(
            "dbt",
            "Looker",
            "Tableau",
            "Kafka",
            "Airflow",
            "Fivetran",
            "Power BI",
            "Superset",
            "Spark",
            "Flink",
            "Segment",
            "Metabase");

    static final List<String> USE_CASES = List.of(
            "Customer-facing analytics",
            "Real-time analytics",
            "Internal BI dashboards",
            "Data apps",
            "Log and event analytics",
            "AI/ML feature serving",
            "Ad-hoc analytics");

    /** The competitors the sales team meets. */
    static final List<String> COMPETITORS = List.of("Snowflake", "Redshift", "BigQuery", "ClickHouse", "Databricks");

    static final List<String> BUYER_TITLES = List.of("CFO", "CTO", "VP Engineering", "Chief Data Officer", "VP Data");

    static final List<String> CHAMPION_TITLES = List.of(
            "Director of Data Engineering",
            "Head of Analytics",
            "Director of Data Platform",
            "Head of BI",
            "Principal Data Engineer",
            "Engineering Manager, Data");

    static final List<String> OTHER_TITLES = List.of(
            "Data Engineer",
            "Senior Data Engineer",
            "Analytics Engineer",
            "Data Analyst",
            "Software Engineer",
            "Procurement Manager",
            "Solutions Architect",
            "Product Manager",
            "DevOps Engineer",
            "IT Manager");

    static final List<String> LEAD_TITLES_GOOD = List.of(
            "VP Data Engineering",
            "Head of Data",
            "Director of Analytics",
            "CTO",
            "Data Platform Lead",
            "Principal Data Engineer",
            "VP Engineering");

    static final List<String> LEAD_TITLES_OTHER = List.of(
            "Data Analyst",
            "Marketing Manager",
            "Student",
            "Software Engineer",
            "Consultant",
            "Operations Manager",
            "Business Analyst",
            "Office Manager",
            "Sales Representative");

    static final List<String> LEAD_INDUSTRIES = List.of(
            "SaaS",
            "Software",
            "Financial Services",
            "Healthcare",
            "Retail",
            "Media & Entertainment",
            "Gaming",
            "Transportation & Logistics",
            "Manufacturing",
            "Education",
            "Professional Services",
            "Non-profit");

    static final List<String> LEAD_SOURCES =
            List.of("Website", "Webinar", "Referral", "Outbound", "Event", "Free Trial");

    static final List<String> LEAD_STATUSES =
            List.of("New", "Working", "Nurturing", "Qualified", "Unqualified", "Converted");

    static <T> T pick(SplittableRandom random, List<T> list) {
        return list.get(random.nextInt(list.size()));
    }

    static int weighted(SplittableRandom random, double[] weights) {
        double total = 0;
        for (double w : weights) {
            total += w;
        }
        double x = random.nextDouble() * total;
        for (int i = 0; i < weights.length; i++) {
            x -= weights[i];
            if (x < 0) {
                return i;
            }
        }
        return weights.length - 1;
    }

    static String slug(String name) {
        return name.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "");
    }
}

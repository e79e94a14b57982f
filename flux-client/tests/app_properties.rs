//! Properties: the formatter's output re-formats to itself; price is monotone in resources.

use flux_client::app::{format::format_text, price, spec::AppSpec};
use proptest::prelude::*;

fn num_or_text(x: f64) -> impl Strategy<Value = String> {
    // A client may send a number as a JSON number or as a string; both coerce alike.
    prop_oneof![Just(format!("{x}")), Just(format!("\"{x}\""))]
}

prop_compose! {
    fn component(version: u32)(
        name in "[a-zA-Z0-9]{1,8}",
        desc in "\\PC{0,20}",
        ports in prop::collection::vec(1u32..65535, 0..4),
        cpu in (1u32..150).prop_map(|t| f64::from(t) / 10.0).prop_flat_map(num_or_text),
        ram in (1u32..590).prop_map(|r| f64::from(r * 100)).prop_flat_map(num_or_text),
        hdd in 1u32..820,
        tiered in any::<bool>(),
        env in prop::collection::vec("[A-Z]{1,5}=\\PC{0,8}", 0..3),
    ) -> String {
        let ports_json: Vec<String> = ports.iter().map(|p| p.to_string()).collect();
        let domains: Vec<&str> = ports.iter().map(|_| "\"\"").collect();
        let env: Vec<String> = env.iter().map(|e| serde_json::to_string(e).unwrap()).collect();
        let mut c = format!(
            r#"{{"name":{},"description":{},"repotag":"nginx:alpine","ports":[{}],"domains":[{}],"environmentParameters":[{}],"commands":[],"containerPorts":[{}],"containerData":"/tmp","cpu":{cpu},"ram":{ram},"hdd":{hdd}"#,
            serde_json::to_string(&name).unwrap(),
            serde_json::to_string(&desc).unwrap(),
            ports_json.join(","), domains.join(","), env.join(","), ports_json.join(","),
        );
        if version <= 7 {
            c.push_str(&format!(r#","tiered":{tiered}"#));
            if tiered {
                c.push_str(r#","cpubasic":0.5,"cpusuper":"1","cpubamf":2,"rambasic":500,"ramsuper":1000,"rambamf":2000,"hddbasic":5,"hddsuper":5,"hddbamf":"5""#);
            }
        }
        if version >= 7 {
            c.push_str(r#","repoauth":"","secrets":"""#);
        }
        c.push('}');
        c
    }
}

fn spec() -> impl Strategy<Value = String> {
    (4u32..=8).prop_flat_map(|v| {
        (
            Just(v),
            prop::collection::vec(component(v), 1..4),
            1u32..=100,
            prop_oneof![Just("true"), Just("false"), Just("\"1\""), Just("0")],
            prop::option::of(prop_oneof![Just("true"), Just("\"false\""), Just("\"yes\"")]),
        )
            .prop_map(|(v, comps, instances, staticip, datacenter)| {
                let mut s = format!(
                    r#"{{"version":"{v}","name":"app","description":"d","owner":"1x","compose":[{}],"instances":{},"contacts":[],"geolocation":["acEU"],"expire":"22000","nodes":[],"staticip":{staticip}"#,
                    comps.join(","),
                    instances.max(if v >= 8 { 1 } else { 3 }),
                );
                if let Some(dc) = datacenter {
                    s.push_str(&format!(r#","datacenter":{dc}"#));
                }
                s.push_str(r#","enterprise":"","unknown":[1]}"#);
                s
            })
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn formatter_output_reformats_to_itself(text in spec()) {
        let once = format_text(&text).unwrap().to_json();
        let twice = format_text(&once).unwrap().to_json();
        prop_assert_eq!(&once, &twice);
        // And the typed form writes the same canonical text.
        let typed: AppSpec = serde_json::from_str(&once).unwrap();
        prop_assert_eq!(typed.canonical_json().unwrap(), once);
    }

    #[test]
    fn price_is_monotone_in_resources(
        cpu in 1u32..150, ram in 1u32..590, hdd in 1u32..820, instances in 1u32..95,
        dcpu in 0u32..20, dram in 0u32..50, dhdd in 0u32..50, dinst in 0u32..5,
        height in prop_oneof![Just(1_500_000u64), Just(1_900_000), Just(2_200_000)],
    ) {
        let make = |c: u32, r: u32, h: u32, i: u32| {
            format_text(&format!(
                r#"{{"version":8,"name":"a","description":"d","owner":"o","compose":[{{"name":"a","description":"","repotag":"n","ports":[31000],"domains":[""],"environmentParameters":[],"commands":[],"containerPorts":[80],"containerData":"/tmp","cpu":{},"ram":{},"hdd":{h},"repoauth":""}}],"instances":{i},"contacts":[],"geolocation":[],"expire":22000,"nodes":[],"staticip":false,"enterprise":""}}"#,
                f64::from(c) / 10.0, r * 100,
            ))
            .unwrap()
        };
        let p = |f| price::price_per_month(&f, height, &price::STATIC_EPOCHS).unwrap().value();
        let base = p(make(cpu, ram, hdd, instances));
        let more = p(make(cpu + dcpu, ram + dram, hdd + dhdd, instances + dinst));
        prop_assert!(more >= base, "{} < {}", more, base);
    }
}

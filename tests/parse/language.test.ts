/**
 * The record's language (src/parse/language.ts): English and Arabic told by script and common
 * words; another language, a mixed text or one too short to tell gives null.
 */
import { describe, expect, it } from "vitest";
import { parse } from "../../src/index.js";
import { detectLanguage } from "../../src/parse/language.js";

const ENGLISH = "Kuwait's Cabinet approved on Monday the draft state budget for the fiscal year, and referred it to the relevant authorities.";
const ARABIC = "وافق مجلس الوزراء الكويتي يوم الاثنين على مشروع الميزانية العامة للدولة للسنة المالية الجديدة، وأحاله إلى الجهات المختصة لإصداره.";

describe("detectLanguage", () => {
  it("an English wire lead is en, an Arabic one ar", () => {
    expect(detectLanguage(ENGLISH)).toBe("en");
    expect(detectLanguage(ARABIC)).toBe("ar");
    // Arabic with vowel marks and the tatweel still reads as Arabic.
    expect(detectLanguage("قالَ الوزيرُ في بيانٍ إنّ الحكومة ستعمل على خفض الإنفاق خلال العام المقبل مع الشركاء.")).toBe("ar");
  });

  it("another language in Latin or Arabic script is null, not en or ar", () => {
    expect(detectLanguage("Le gouvernement a approuvé lundi le projet de budget de l'État pour la nouvelle année fiscale.")).toBeNull();
    expect(detectLanguage("Die Regierung hat am Montag den Entwurf des Staatshaushalts für das neue Haushaltsjahr gebilligt.")).toBeNull();
    // Italian and Spanish share `in` and `a` with English; their own common words weigh against them.
    expect(detectLanguage("Il governo ha approvato in via definitiva a Roma la legge sul bilancio.")).toBeNull();
    expect(detectLanguage("La empresa vendió a un precio más alto in situ, según el informe de la compañía.")).toBeNull();
    // Persian: Arabic script, none of the Arabic common words.
    expect(detectLanguage("دولت روز دوشنبه پیش نویس بودجه سال آینده را تصویب کرد و آن را به مجلس فرستاد.")).toBeNull();
  });

  it("a short English sentence with only `a` and `in` among the common words is English", () => {
    expect(detectLanguage("Qatar's non-energy private sector grew faster in February, a survey showed.")).toBe("en");
  });

  it("too short to tell is null: a caption, a few words, numbers", () => {
    expect(detectLanguage("Photo: KUNA")).toBeNull();
    expect(detectLanguage("Oil up 2%")).toBeNull();
    expect(detectLanguage("56.9 56.3 50.0 12,000 3.4 1.1 2.6 9.6 33.3 87 8.9")).toBeNull();
  });

  it("a text half in each script is null", () => {
    expect(detectLanguage(`${ENGLISH.slice(0, 60)} ${ARABIC.slice(0, 60)}`)).toBeNull();
  });

  it("a sentence that merely holds an English word in another language is not English", () => {
    expect(detectLanguage("El ministro dijo que the plan será presentado el lunes ante el parlamento nacional.")).toBeNull();
  });

  it("reads only the opening of a long body", () => {
    const opening = `${ENGLISH} `.repeat(4);
    expect(detectLanguage(`${opening}${"Lorem ipsum dolor sit amet. ".repeat(500)}`)).toBe("en");
    expect(detectLanguage(`${"Lorem ipsum dolor sit amet. ".repeat(500)}${opening}`)).toBeNull();
  });
});

describe("the record's language", () => {
  it("comes from the body, not the headline", () => {
    const text = ["مجلس الوزراء يقر الميزانية", "", `(MENAFN- Kuwait News Agency (KUNA)) ${ENGLISH}`, "", "MENAFN02062025000071011013ID1109645530", ""].join(
      "\n",
    );
    expect(parse(text).records[0]?.language).toBe("en");
  });
});

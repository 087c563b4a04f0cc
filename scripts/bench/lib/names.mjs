// West-African family and given names (Senegal, Mali, Guinea, Côte d'Ivoire, Burkina Faso,
// Niger, Benin, Togo, Ghana, Nigeria, Cameroon, Gambia, Sierra Leone), as written on acts,
// accents and apostrophes included, places and occupations, and the seeded random helpers
// that pick among them: shared by the search and transmission benchmarks.

import { normaliseName } from '@docstream/core';

export const FAMILY = `Diop Ndiaye Fall Sow Ba Sy Diallo Gueye Faye Sarr Mbaye Ndour Diouf Thiam Seck Cissé Kane
Wade Niang Dieng Sall Mbengue Ndao Diagne Touré Camara Badji Sène Sagna Diatta Mané Coly Goudiaby Tendeng
Diémé Lô Ly Kâ Thiaw Ngom Gaye Samb Dramé Kébé Tall Ndoye Mboup Loum Cissokho Senghor Diédhiou Sonko Mendy
Traoré Keïta Coulibaly Diarra Sissoko Konaté Koné Dembélé Maïga Sidibé Sangaré Doumbia Diakité Kanté
Kouyaté Diabaté Samaké Sacko Fofana Bagayoko Tounkara Dicko Guindo Dolo Berthé Mariko Dao Bamba Ouattara
Soumaré Tandia Sylla Magassa Kamissoko Niaré Diawara Sanogo Tangara Cissouma Kouma Doucouré Haïdara
Kouassi Kouamé Konan N'Guessan Koffi Kouadio Brou Assi Kacou Ahoua Tanoh Aké Yapi Zadi Gnahoré Séri
Gnagne Amani Ehui Anoh Djédjé Zoro Tapé Bléhoué Yobouet Kra N'Dri Akissi Loukou Gbané Tiémoko
Ouédraogo Sawadogo Kaboré Zongo Compaoré Ilboudo Nikiéma Zoungrana Kinda Tapsoba Yaméogo Zida Sanou Somé
Dabiré Kambou Hien Palé Bationo Ouoba Lompo Thiombiano Bonkoungou Kiendrébéogo Rouamba Zerbo Kafando
Tiendrébéogo Sawadogo Nacanabo Belem Guiro Bah Barry Baldé Condé Soumah Bangoura Kourouma Kaba
Doumbouya Béavogui Loua Haba Guilavogui Millimono Lamah Tolno Kolié Sakho Bérété Diakhaby Kalloga
Issoufou Mahamadou Harouna Oumarou Salifou Garba Souley Hamani Djermakoye Moumouni Amadou Seyni Idrissa
Adamou Boukari Tankari Yacouba Maman Sani Adjovi Houngbédji Agbodjan Dossou Hounkpatin Ahouansou Zinsou
Kérékou Gbaguidi Akakpo Amégah Agbéko Kpodar Gnassingbé Olympio Mensah Lawson Kodjo Amouzou Adjété
Djossou Sossou Houessou Tossou Azonhiho Kpadonou Hounsou Assogba Avoce Dégbé Fagla Hountondji
Owusu Boateng Asante Osei Agyeman Appiah Addo Ofori Amoah Darko Tetteh Quaye Annan Ansah Acheampong Bonsu
Frimpong Danso Antwi Nkrumah Sarpong Kyei Adjei Badu Opoku Gyamfi Amponsah Yeboah Donkor Asamoah
Okafor Okonkwo Nwosu Adeyemi Ogunleye Balogun Adebayo Olawale Bello Abubakar Okoro Chukwu Nnamdi Adeleke
Ogundipe Oyelaran Danjuma Lawal Akinola Alabi Afolabi Onyekachi Oladipo Eze Obi Nwachukwu Ibekwe
Mbarga Ngono Atangana Essomba Fouda Ekotto Nkoulou Tchoumi Fotso Kamga Tchatchoua Djoumessi Ngassa
Eto'o Owona Abena Ateba Belinga Bikoro Ndongo Onana Zambo Mbida Nkolo Tchakounté Nganou Moukoko
Jallow Jammeh Ceesay Sanneh Darboe Bojang Manneh Njie Touray Jobe Kamara Sesay Bangura Conteh Koroma
Kargbo Turay Fofanah Mansaray Tarawally M'Bow N'Diaye Ould-Ahmed Tine Guèye Faty Djiba Biaye Sambou`;

export const MALE = `Mamadou Moussa Ousmane Boubacar Seydou Adama Issa Souleymane Lassina Drissa Yacouba Ibrahim
Ibrahima Amadou Alassane Cheikh Modou Abdoulaye Aliou Babacar Oumar Sékou Lamine Mohamed Mahamadou Bakary
Karim Youssouf Salif Siaka Abou Daouda Fousseyni Sidiki Moctar Tidiane Malick Pape Serigne Ababacar
Mouhamed Saliou Samba Demba Pathé Thierno Alpha Sory Mory Fodé Lansana Kerfalla Sekouba Naby Kabinet
Kouassi Koffi Kouamé Konan Yao Kouadio Aka N'Dri Brou Didier Serge Jean-Baptiste Jean Pierre Paul Joseph
Emmanuel Hervé Arsène Fabrice Guy-Roland Landry Wilfried Yannick Rodrigue Crépin Théophile Honoré Aimé
Kwame Kofi Kwabena Kwaku Kojo Kwasi Yaw Fiifi Nana Chukwuemeka Chidi Emeka Obinna Nnamdi Babatunde
Oluwaseun Olumide Adewale Tunde Segun Femi Musa Abubakar Usman Aminu Sani Garba Idrissa Hamidou
Harouna Moumouni Issoufou Abdoul-Aziz Abdourahmane Habib Hamza Ismaël Ismaïla Khalifa Mansour
Ousseynou Papa Racine Sidy Souleymane-Bachir Tahirou Wendkouni Wendpanga Boukary Noufou Rasmané Salam
Inoussa Ablassé Zakaria Blaise Thomas Ernest Félix Désiré Grégoire Norbert Éric Raphaël Séraphin
Kodjo Komi Kossi Koffi-Mawuli Mawuli Edem Sénam Kokou Yawo Elom Dodji Sègla Mahougnon Rodolphe Gildas
Sylvestre Euloge Bienvenu Achille Samuel Étienne Mathias Nicodème Bertin Gérard Ange Fulbert Alphonse`;

export const FEMALE = `Aminata Fatoumata Mariam Mariama Aïcha Awa Hawa Kadiatou Kadidia Oumou Rokia Bintou Djénéba
Salimata Assétou Maïmouna Ramata Korotoumou Nana Safiatou Fanta Sira Coumba Khady Ndèye Astou Dieynaba
Mame Fatou Sokhna Adama Aïssatou Binta Penda Rama Yacine Seynabou Marième Ndeye-Fatou Daba Maty
Mariétou Sadio Tenin Nafissatou Ténin Haoua Zeinabou Ramatou Hadiza Balkissa Hamsatou Rahinatou
Adjoua Affoué Akissi Amenan Aya Ahou Amoin Ama Akua Adjoa Efua Abena Esi Yaa Afia Akosua Adwoa Ekua
Ngozi Chiamaka Chinwe Adaeze Folake Yetunde Funmilayo Bisi Kemi Amina Hauwa Zainab Halima Rukayya
Marie Marie-Claire Marie-Louise Jeanne Josiane Christelle Estelle Clarisse Odile Bernadette Pélagie
Solange Véronique Rosine Félicité Gisèle Hortense Léontine Edwige Prisca Nadège Ghislaine Mireille
Mawuena Akossiwa Ablavi Afi Abra Adjovi Dédé Sika Enyonam Sènami Gbèmi Houéfa Rachidatou Fati
Wendyam Pauline Salamata Alizèta Habibou Rasmata Azèta Mamounata Kadi Lamoussa Tanga Safi Mounira
Kani Fily Nènè Oumoul Hadja Djeneba-Kani Yayé Néné Aïssata Tata Diaka Sona Djata Massaran Batoma
Farida Samira Nafi Khadidiatou Aminatou Mariatou Ndella Thioro Bigué Arame Coura Dior Fama Mbayang`;

export const PLACES = `Dakar|Thiès|Saint-Louis|Kaolack|Ziguinchor|Tambacounda|Kédougou|Louga|Diourbel|Kolda|Bamako|Ségou|Sikasso|Mopti|Kayes|
Koulikoro|Gao|Tombouctou|Abidjan|Bouaké|Yamoussoukro|Korhogo|Daloa|San-Pédro|Man|Gagnoa|Ouagadougou|Bobo-Dioulasso|Koudougou|
Ouahigouya|Fada N'Gourma|Banfora|Conakry|Labé|Kankan|Nzérékoré|Kindia|Niamey|Maradi|Zinder|Tahoua|Agadez|Cotonou|Parakou|
Abomey|Porto-Novo|Lomé|Sokodé|Kara|Atakpamé|Kumasi|Tamale|Accra|Banjul|Freetown|Douala|Yaoundé|Garoua`;

export const JOBS_M = ['cultivateur', 'commerçant', 'éleveur', 'pêcheur', 'enseignant', 'chauffeur', 'mécanicien', 'menuisier', 'maçon', 'fonctionnaire', 'tailleur', 'forgeron', 'infirmier', 'comptable', 'agent de santé', 'orpailleur', 'boutiquier', 'électricien'];
export const JOBS_F = ['ménagère', 'commerçante', 'couturière', 'enseignante', 'cultivatrice', 'infirmière', 'sage-femme', 'coiffeuse', 'restauratrice', 'étudiante', 'fonctionnaire', 'vendeuse', 'teinturière', 'sans profession'];

export function words(block, sep = /\s+/) {
  const seen = new Set();
  const out = [];
  for (const w of block.split(sep).map((s) => s.trim()).filter(Boolean)) {
    const key = normaliseName(w);
    if (!seen.has(key)) {
      seen.add(key);
      out.push(w);
    }
  }
  return out;
}

/** Deterministic random numbers (mulberry32). */
export function rng(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: (arr) => arr[Math.floor(next() * arr.length)],
    chance: (p) => next() < p,
  };
}

/** Mildly skewed choice: weight 1/(rank + k). */
export function weighted(list, k = 40) {
  const cum = [];
  let total = 0;
  for (let i = 0; i < list.length; i++) {
    total += 1 / (i + k);
    cum.push(total);
  }
  return (r) => {
    const x = r.next() * total;
    let lo = 0;
    let hi = cum.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cum[mid] < x) lo = mid + 1;
      else hi = mid;
    }
    return list[lo];
  };
}


/// French vocabulary: general opinion words plus the station domain (attente, rupture, pompiste…).
///
/// Written for this project from reading station reviews and French social media; valences run
/// from about -3 to +3. Domain words differ from a general lexicon on purpose: `cher` is a price
/// complaint, not praise; `file` and `attente` are about waiting; `propre`/`sale` about cleanliness.
enum LexiconFrench {
    static let text = """
    ne! n! pas! jamais! rien! aucun! aucune! sans! ni! nullement! guere! peu! moins! nul_part!
    personne_ne=-1.5@staff personne_n=-1.5@staff ne_que~ n_que~ pas_que~ ne_pas_hesiter=1.5
    pas_mal=1.5 pas_terrible=-1.8 pas_top=-1.8 pas_genial=-1.8 sans_plus=-0.8 pas_cher=1.8@price
    pas_d_attente=1.8@waiting pas_de_file=1.5@waiting sans_attendre=1.8@waiting sans_attente=1.8@waiting
    pas_normal=-2 pas_serieux=-2 pas_a_la_hauteur=-2.3 pas_content=-2.2 pas_du_tout=-1
    rien_a_signaler~ rien_a_dire~ ras~ rien_de_special~ rien_a_redire=2 rien_a_reprocher=2.3
    sans_probleme=1.5 sans_souci=1.5 aucun_probleme=1.5 pas_de_probleme=1.5 pas_de_souci=1.5
    sans_faute=2 sans_explication=-1.5 sans_raison=-1.3 sans_prevenir=-1.5
    de_rien~ rien_que~ sans_doute~ pas_encore~ ne_plus~
    tres^1.5 trop^1.5 vraiment^1.4 tellement^1.5 hyper^1.5 ultra^1.5 extremement^1.6 super_bien=2.8
    totalement^1.4 completement^1.4 absolument^1.4 particulierement^1.3 beaucoup^1.3 enormement^1.5
    vachement^1.5 carrement^1.3 franchement^1.2 si^1.2 aussi^1.1 plus^1.2 tout_a_fait^1.3 fort^1.2
    vraiment_pas! assez^0.9 plutot^0.8 un_peu^0.6 legerement^0.6 presque^0.7 a_peine^0.5 moyennement^0.5
    mais| par_contre| cependant| pourtant| toutefois| neanmoins| en_revanche| sauf_que| seulement_voila|

    bon=1.8 bonne=1.8 bons=1.8 bonnes=1.8 bien=1.5 tres_bien=2.5 excellent=3 excellente=3 excellents=3
    excellentes=3 parfait=2.8 parfaite=2.8 parfaits=2.8 parfaitement=2.5 super=2.5 genial=2.8 geniale=2.8
    geniaux=2.8 top=2.2 impeccable=2.8 impeccables=2.8 formidable=2.8
    magnifique=2.8 magnifiques=2.8 merveilleux=2.8 merveilleuse=2.8 merveille=2.5 superbe=2.7 superbes=2.7
    sympa=2 sympas=2 sympathique=2 sympathiques=2 agreable=2 agreables=2 agreablement=2 chouette=2
    cool=1.8 extra=2 extraordinaire=2.8 fantastique=2.8 sublime=2.8 exceptionnel=2.8 exceptionnelle=2.8
    incroyable=1.5 remarquable=2.5 epatant=2.5 bravo=2.5 felicitations=2.5 felicitation=2.5 felicite=2.2
    merci=1.3 mercis=1.3 remercie=1.5 remercier=1.5 remerciement=1.5 remerciements=1.5 grace_a=0.8
    recommande=2.2 recommander=2 recommandons=2.2 recommandable=2.2 conseille=1.5 je_conseille=2
    satisfait=2.2 satisfaite=2.2 satisfaits=2.2 satisfaction=2 content=2 contente=2 contents=2 contentes=2
    heureux=2.3 heureuse=2.3 heureusement=1.2 ravi=2.5 ravie=2.5 ravis=2.5 enchante=2.3 adore=2.7
    adorer=2.5 adorable=2.5 aime=1.8 aimer=1.2 j_aime=2 amour=2 plaisir=2 bonheur=2.5 joie=2.3 joyeux=2.3
    rire=1 sourire=1.5 lol=1 mdr=1.2 ptdr=1.2 haha=1.2 hihi=1 xd=1.2 ahah=1.2 hahaha=1.2
    meilleur=2.2 meilleure=2.2 meilleurs=2.2 meilleures=2.2 mieux=1.2 beau=2 belle=2 beaux=2 belles=2
    joli=1.8 jolie=1.8 jolis=1.8 magique=2.2 ideal=2 ideale=2 idealement=1.5 propice=1.2
    apprecie=2 appreciee=2 apprecies=2 appreciees=2 appreciable=1.8 appreciables=1.8
    utile=1.5 utiles=1.5 pratique=1.5 pratiques=1.5 facile=1.3 facilement=1.2 simple=0.5
    interessant=1.5 interessante=1.5 interessants=1.5 reussi=2 reussie=2 reussite=2.3 succes=2
    gagne=1.2 gagner=1 victoire=2 champion=2 bienvenue=1.5 fier=2 fiere=2 fierte=2 chapeau=1.5
    respect=1.3 bienveillant=2 bienveillance=2 espoir=1.5 espere=0.8 positif=1.5 positive=1.5
    contre=-0.6 anti=-0.6 booster=1 booste=1 developper=0.6 developpe=0.6 cree=0.8 adhere=1.5 j_adhere=1.8 favorable=1.5 defavorable=-1.5 progres=1.5 innovant=1.5 innovante=1.5 ameliore=1.2 amelioration=1 soutien=1.3 solidarite=1.5
    solidaire=1.5 protege=1 proteger=1 protection=1 sauver=1.3 sauve=1.3 paix=1.8 liberte=1.2
    gratitude=2 chance=1.5 celebrer=1.8 fete=1.5 prometteur=1.8 prometteuse=1.8 benefique=1.8
    avantage=1.2 avantages=1.2 gratuit=1.2@price gratuite=1.2@price promo=1@price promotion=1@price
    bonne_nouvelle=2.2 bonne_journee=1.5 bonne_continuation=1.8 bon_courage=1.2 courage=1.2
    tranquille=1 calme=1 confortable=1.8 confort=1.5 spacieux=1.5 moderne=1.3 eclaire=1.2@safety
    eclairee=1.2@safety bien_eclaire=1.8@safety bien_eclairee=1.8@safety
    efficace=2 efficaces=2 efficacite=1.8 fiable=2 fiables=2 serieux=1.5 serieuse=1.5 serieusement=0.5
    honnete=2 honnetes=2 correct=1.2 correcte=1.2 corrects=1.2 correctes=1.2 correctement=1.2
    ok=0.8 okay=0.8 dac=0.5 nickel=2.3@cleanliness brille=1.5@cleanliness brillant=1.8 brillante=1.8
    marche=0.8 marchent=0.8 fonctionne=0.8 fonctionnent=0.8 accepte=0.5 rassurant=1.8@safety
    rassurante=1.8@safety rassure=1.5@safety securise=1.5@safety securisee=1.5@safety en_securite=2@safety
    neuf=1 neuve=1 comme_neuf=2.3 comme_neuve=2.3 frais=0.3@quality fraiche=1@quality fraiches=1@quality
    delicieux=2.8@quality delicieuse=2.8@quality savoureux=2.5@quality succulent=2.8@quality
    qualite=0.5@quality bonne_qualite=2.3@quality de_qualite=2@quality
    raisonnable=1.3@price raisonnables=1.3@price abordable=1.8@price abordables=1.8@price
    economique=1.5@price bon_marche=1.8@price prix_correct=1.8@price bon_prix=1.8@price
    rapide=1.8@waiting rapides=1.8@waiting rapidement=1.5@waiting vite=1@waiting rapidite=1.8@waiting
    ponctuel=1.5@waiting a_l_heure=1@waiting en_deux_minutes=1.5@waiting
    disponible=1.2@availability disponibles=1.2@availability dispo=1@availability toujours_la=1@availability
    accueillant=2@staff accueillante=2@staff accueillants=2@staff accueillantes=2@staff
    chaleureux=2.2@staff chaleureuse=2.2@staff chaleureusement=2@staff souriant=2@staff souriante=2@staff
    souriants=2@staff souriantes=2@staff poli=1.8@staff polie=1.8@staff polis=1.8@staff polies=1.8@staff
    courtois=2@staff courtoise=2@staff aimable=2@staff aimables=2@staff gentil=2@staff gentille=2@staff
    gentils=2@staff gentilles=2@staff serviable=2@staff serviables=2@staff attentionne=2@staff
    professionnel=1.8@staff professionnelle=1.8@staff professionnels=1.8@staff professionnalisme=2@staff
    competent=1.5@staff competente=1.5@staff competents=1.5@staff a_l_ecoute=1.8@staff bien_accueilli=2.3@staff
    propre=2@cleanliness propres=2@cleanliness proprete@cleanliness bien_range=1.8@cleanliness
    bien_rangee=1.8@cleanliness bien_ranges=1.8@cleanliness bien_rangees=1.8@cleanliness

    mauvais=-2 mauvaise=-2 mauvaises=-2 mal=-1.8 nul=-2.5 nulle=-2.5 nuls=-2.5 nulles=-2.5 horrible=-3
    horribles=-3 affreux=-2.8 affreuse=-2.8 terrible=-0.8 catastrophe=-2.8 catastrophique=-3
    desastre=-2.8 desastreux=-2.8 lamentable=-2.8 minable=-2.5 pitoyable=-2.5 honteux=-2.8 honteuse=-2.8
    honte=-2.5 scandale=-2.8 scandaleux=-3 scandaleuse=-3 inadmissible=-3 inacceptable=-3 intolerable=-3
    insupportable=-2.5 decu=-2.3 decue=-2.3 decus=-2.3 decues=-2.3 deception=-2.3 decevant=-2.3
    decevante=-2.3 decoit=-2 mecontent=-2.5 mecontente=-2.5 mecontents=-2.5 insatisfait=-2.5
    insatisfaite=-2.5 fache=-2 fachee=-2 furieux=-2.8 furieuse=-2.8 colere=-2.3 enerve=-2 enervee=-2
    enervant=-2 agace=-1.8 agacant=-1.8 marre=-2.3 ras_le_bol=-2.5 chiant=-2.3 relou=-2 galere=-2
    idiot=-2.3 idiots=-2.3 idiote=-2.3 stupide=-2.3 stupides=-2.3 con=-2.3 cons=-2.3 connard=-3
    connards=-3 conne=-3 debile=-2.5 debiles=-2.5 abruti=-2.5 abrutis=-2.5 merde=-2.5 putain=-1.5
    pourri=-2.5 pourrie=-2.5 pourris=-2.5 naze=-2 craint=-1.5 bordel=-1.5 lache=-2 laches=-2
    mensonge=-2.2 mensonges=-2.2 menteur=-2.5 menteurs=-2.5 mentir=-2 ment=-2 faux=-1.2 fausse=-1.2
    hypocrite=-2.5 hypocrites=-2.5 ridicule=-2.3 ridicules=-2.3 absurde=-2 inutile=-2 inutiles=-2
    n_importe_quoi=-2.3 nimp=-2 abus=-2 abuse=-2 abusent=-2 exagere=-1.8 injuste=-2.2 injustice=-2.3
    fatigue=-1.2 fatigant=-1.8 ennui=-1.5 ennuyeux=-2 penible=-2.2 penibles=-2.2 deteste=-2.8
    detester=-2.5 haine=-2.8 hais=-2.8 horreur=-2.8 pleurer=-1.8 pleure=-1.8 triste=-2 tristes=-2
    tristesse=-2.2 malheureusement=-1.5 malheureux=-2 malheur=-2.3 peur=-2 inquiet=-1.5 inquiete=-1.5
    inquietant=-2 inquietante=-2 inquietude=-1.8 grave=-1.8 graves=-1.8 pire=-2.5 pires=-2.5 bof=-1.2
    moyen=-0.5 mediocre=-2.3 mediocres=-2.3 insuffisant=-1.8 insuffisante=-1.8 incapable=-2.2
    incapables=-2.2 regret=-1.5 regrette=-1.8 regrettable=-2 dommage=-1.5 a_eviter=-2.8 evitez=-2.5
    fuyez=-2.8 probleme=-1.5 problemes=-1.5 souci=-1.2 soucis=-1.2 plainte=-1.5 plaintes=-1.5
    plaindre=-1.5 reclamation=-1.2 erreur=-1.5 erreurs=-1.5 faute=-1.2 bug=-1.5 refuse=-1.8
    refuser=-1.8 refusent=-1.8 ignore=-1.5 ignorent=-1.5 neglige=-2 negligence=-2.2 bruit=-1 bruyant=-1.5
    menace=-2 menacee=-2 menacees=-2 menaces=-2 menacent=-2 mort=-2.3 morts=-2.3 meurt=-2.3 mourir=-2.2
    tue=-2.3 tues=-2.3 tuer=-2.3 tuee=-2.3 deces=-2 guerre=-2.3 attentat=-3 attentats=-3
    terroriste=-2.8 terroristes=-2.8 terrorisme=-2.8 violence=-2.5 violences=-2.5 violent=-2.2
    violente=-2.2 crise=-2 chomage=-1.8 pauvrete=-2 pollution=-2 pollue=-2 polluant=-1.8 disparaitre=-1.5
    disparition=-1.8 destruction=-2.3 detruit=-2.3 detruire=-2.2 malade=-1.8 maladie=-1.8 souffrir=-2
    souffrance=-2.3 victime=-2 victimes=-2 perte=-1.5 pertes=-1.5 echec=-2.2 echoue=-2 rate=-1.5
    ratee=-1.5 faillite=-2.3 catastrophes=-2.8 drame=-2.5 tragique=-2.5 terrible_accident=-3
    accident=-2.3@safety accidents=-2.3@safety incendie=-2.5@safety explosion=-2.5@safety
    danger=-2.3@safety dangers=-2.3@safety dangereux=-2.5@safety dangereuse=-2.5@safety
    risque=-1.3@safety risques=-1.3@safety insecurite=-2.5@safety agression=-2.8@safety
    agresse=-2.8@safety securite@safety peur_la_nuit=-2.3@safety
    vol=-1.8 vole=-2.3 voles=-2.3 volee=-2.3 voler=-2.2 voleur=-2.8 voleurs=-2.8 escroc=-3 escrocs=-3
    escroquerie=-3 arnaque=-3@price arnaques=-3@price arnaquer=-3@price arnaqueur=-3@price
    arnaqueurs=-3@price triche=-2.5@fuel_measure tricher=-2.5@fuel_measure trichent=-2.5@fuel_measure
    tricherie=-2.5@fuel_measure truque=-2.8@fuel_measure trafique=-2.8@fuel_measure
    compteur@fuel_measure volume@fuel_measure litre@fuel_measure litres@fuel_measure
    mesure@fuel_measure jauge@fuel_measure le_bon_volume=1@fuel_measure pas_le_bon=-1.5@fuel_measure
    pas_le_compte=-2@fuel_measure moins_de_litres=-2.5@fuel_measure
    cher=-1.8@price chers=-1.8@price chere=-1.8@price cheres=-1.8@price couteux=-1.8@price
    couteuse=-1.8@price hors_de_prix=-2.8@price prix@price tarif@price tarifs@price trop_cher=-2.8@price
    hausse=-0.8@price augmente=-0.8@price augmentation=-0.8@price flambee=-1.8@price
    rupture=-2.2@availability ruptures=-2.2@availability penurie=-2.3@availability
    manque=-1.5@availability manquent=-1.5@availability manquait=-1.5@availability
    indisponible=-1.8@availability epuise=-1.5@availability introuvable=-1.8@availability
    jamais_de=-1.5@availability toujours_en_rupture=-2.8@availability stock@availability
    panne=-2@quality pannes=-2@quality en_panne=-2.2@quality casse=-2 cassee=-2 casses=-2
    perime=-2.5@quality perimes=-2.5@quality perimee=-2.5@quality perimees=-2.5@quality
    sec=-0.8@quality secs=-0.8@quality seche=-0.8@quality immangeable=-3@quality rassis=-2@quality
    froid=-0.5@quality defectueux=-2.2@quality defectueuse=-2.2@quality bacle=-2.5@quality
    baclee=-2.5@quality bacles=-2.5@quality mal_fait=-2.3@quality mal_lave=-2.3@quality
    qualite_mediocre=-2.5@quality ne_dure_pas=-1.5@quality
    abime=-2@wash_damage abimee=-2@wash_damage abimer=-2@wash_damage raye=-2.2@wash_damage
    rayee=-2.2@wash_damage rayer=-2.2@wash_damage rayure=-2.2@wash_damage rayures=-2.2@wash_damage
    egratignure=-2@wash_damage egratignures=-2@wash_damage degat=-2@wash_damage degats=-2@wash_damage
    endommage=-2.3@wash_damage endommagee=-2.3@wash_damage retroviseur@wash_damage carrosserie@wash_damage
    portiere@wash_damage
    fuite=-2.2@gas_bottle fuites=-2.2@gas_bottle fuyait=-2.2@gas_bottle fuit=-2.2@gas_bottle
    fuient=-2.2@gas_bottle joint@gas_bottle bouteille@gas_bottle bouteilles@gas_bottle poids@gas_bottle
    rouillee=-2@gas_bottle rouille=-1.8@gas_bottle a_moitie_vide=-2.3@gas_bottle vide=-1
    sale=-2.3@cleanliness sales=-2.3@cleanliness salete=-2.3@cleanliness crasseux=-2.8@cleanliness
    crasseuse=-2.8@cleanliness degoutant=-2.8@cleanliness degoutante=-2.8@cleanliness degueulasse=-3
    degueu=-2.5 puant=-2.5@cleanliness puante=-2.5@cleanliness pue=-2.3@cleanliness
    odeur=-0.8@cleanliness mouches=-1.2@cleanliness boue=-0.8@cleanliness toilettes@cleanliness
    toilette@cleanliness wc@cleanliness
    impoli=-2.5@staff impolie=-2.5@staff impolis=-2.5@staff desagreable=-2.3@staff
    desagreables=-2.3@staff grossier=-2.5@staff grossiere=-2.5@staff grossiers=-2.5@staff
    arrogant=-2.5@staff arrogante=-2.5@staff arrogants=-2.5@staff mepris=-2.5@staff
    meprisant=-2.5@staff irrespectueux=-2.5@staff incompetent=-2.5@staff incompetents=-2.5@staff
    incompetente=-2.5@staff malpoli=-2.5@staff malpolie=-2.5@staff mal_parle=-2.5@staff
    mal_accueilli=-2.5@staff mal_reçu=-2.5@staff absent=-1@staff absents=-1@staff
    personnel@staff pompiste@staff pompistes@staff caissiere@staff caissier@staff caissieres@staff
    vendeur@staff vendeuse@staff vendeurs@staff equipe@staff serveur@staff serveuse@staff
    laveur@staff laveurs@staff responsable@staff gerant@staff gerante@staff accueil@staff agent@staff
    agents@staff employe@staff employes@staff discutent_au_telephone=-2@staff
    attente=-0.6@waiting attendre=-0.6@waiting attendu=-0.8@waiting attend=-0.6@waiting
    attends=-0.6@waiting attendons=-0.6@waiting attendez=-0.6@waiting patienter=-0.8@waiting
    file=-0.2@waiting queue=-0.3@waiting interminable=-2.2@waiting interminables=-2.2@waiting
    lent=-1.8@waiting lente=-1.8@waiting lents=-1.8@waiting lentes=-1.8@waiting lenteur=-2@waiting
    lentement=-1.5@waiting retard=-1.8@waiting retards=-1.8@waiting en_retard=-2@waiting
    trop_long=-2.2@waiting trop_longue=-2.2@waiting longue_attente=-2.2@waiting depuis_une_heure=-1.8@waiting
    des_heures=-1.5@waiting une_eternite=-2.5@waiting

    soutenir=1.3 soutient=1.3 soutiennent=1.3 soutenu=1.3 renforce=1.2 renforcer=1.2 accroitre=1
    richesse=1.5 honneur=1.8 capable=1 investir=1 investissement=1 investit=1 aides=0.8 aide=0.8 aider=1
    lance=0.8 lancent=0.8 lancement=1 inauguration=1.2 inaugure=1.2 resoudre=1 resilience=1
    prefere=1.2 adopte=1 lutter_contre% lutte_contre% luttent_contre% combattre% reduire% reduit% reduisent% reduction% diminuer% diminue% diminution% prevenir% prevention% limiter% endiguer% enrayer% attenuer% eradiquer% stopper% mettre_fin_a% en_finir_avec% croissance=1 construire=0.8 creer=0.8
    creation=0.8 unique=1 innovation=1.2 innover=1.2 innovent=1.2 progresse=1.5 progresser=1.5
    progression=1.2 avancee=1.2 performant=1.8 performante=1.8 enthousiasme=2 enthousiaste=2
    jubiler=2 engagement=1 dynamique=1.2 benefice=1 beneficier=1.2 beneficieront=1.2 enrichit=1.2
    enrichir=1.2 laureat=2 remporte=1.8 remporter=1.8 feliciter=2 encourageant=2 encourager=1.5
    encourage=1.5 optimiste=2 optimisme=2 opportunite=1.5 solution=1 reussir=1.8 atout=1.5
    bienfait=1.8 sain=1.5 saine=1.5 rentable=1 potentiel=0.8 decouvrez=0.8 vive=1.5 j_ai_hate=2
    hate_de=1.5 bonne_idee=2.2 genialissime=3 trop_bien=2.8 trop_fort=2.2 trop_cool=2.5 aimons=1.8
    aimez=1.8 valide=1 bien_joue=2.5 merite=1.5 digne=1.5 passionnant=2.3 captivant=2.3 emouvant=1.5
    rejette=-1.5 rejeter=-1.5 rejete=-1.5 suspension=-1.2 suspendu=-1.2 abandon=-1.5 abandonne=-1.5
    indifference=-1.8 revolte=-2 revoltant=-2.8 assassine=-2.8 assassiner=-2.8 assassinat=-3
    assassinez=-2.8 suspect=-1.2 suspecte=-1.2 liste_noire=-1.8 polemique=-1.5 corruption=-2.5
    corrompu=-2.5 gachis=-2.3 gaspillage=-1.5 enfer=-2.3 urgence=-1.2 extinction=-2 penalise=-1.5
    oublie=-0.8 bloquer=-1.2 bloque=-1.2 blocage=-1.2 manquer=-1.2 effondrement=-2.2 effondre=-2.2
    chute=-1.2 recul=-1 deficit=-1.2 dette=-1 affligeant=-2.5 incompetence=-2.5 amateurisme=-2
    nuisance=-2 nuisible=-2 magouille=-2.5 illegal=-2 illegale=-2 illegaux=-2 vandalisme=-2.5
    laid=-2 laide=-2 toxique=-2 radioactif=-1.5 radioactivite=-1.5 pollueur=-1.8 rechauffement=-0.8
    perdu=-1.2 perdue=-1.2 perdre=-1.2 dommages=-1.8 tocard=-2.5 enfoire=-3 punitif=-1.5
    punitive=-1.5 punis=-1.5 prison=-1.5 amende=-1 abattre=-1.5 abattage=-1.5 decapite=-2 aversion=-2
    critique=-1 critiquer=-1 helas=-1.8 desole=-1.2 pfff=-1.5 pff=-1.2 grr=-1.5 beurk=-2 chaos=-2.3
    fiasco=-2.5 naufrage=-2 inegalite=-1.5 precarite=-1.8 misere=-2.3 famine=-2.5 secheresse=-1.8
    inondation=-1.8 ravage=-2.3 devaste=-2.5 contamine=-2 contamination=-2 alerte=-1 alarme=-1.5
    alarmant=-2 condamne=-1.5 condamnation=-1.5 accuse=-1.2 accusation=-1.2 conflit=-1.8 tension=-1
    fragile=-1 faible=-1 deteriore=-1.8 degradation=-1.8 degrade=-1.8 detestent=-2.8 gueule=-1.5
    malade_mental=-2.5 pitie=-1.5 choquant=-2.3 choque=-1.8 sinistre=-2 lourd=-0.8 galere=-2
    
    conforme=1.5 conformes=1.5 solide=1.5 robuste=1.5 resistant=1.2 silencieux=1.2 elegant=1.8
    elegante=1.8 mignon=1.8 mignonne=1.8 doux=1 douce=1 intuitif=1.5 bien_recu=1.5 bien_emballe=1.5
    soigne=1.8 soignee=1.8 excellent_rapport=2.5 bon_rapport_qualite=2.5@price au_top=2.5
    je_recommande=2.5 a_recommander=2.5 reviendrai=1.5 je_reviendrai=2 reviendrons=1.8 retournerai=1.5
    regal=2.5 se_regaler=2.5 regale=2.3 regales=2.3 copieux=1.8@quality copieuse=1.8@quality
    genereux=1.8 genereuse=1.8 goutu=2@quality raffine=2 convivial=2 conviviale=2 cosy=1.5
    charmant=2 charmante=2 attentif=1.5@staff attentive=1.5@staff aux_petits_soins=2.5@staff
    irreprochable=2.8 pertinent=1.5 bluffant=2.5 valeur_sure=2 indispensable=1.8 fonctionne_bien=2
    marche_bien=2 comme_prevu=1.2 comme_decrit=1.2 tient_ses_promesses=2 satisfaisant=1.8
    convient=1.2 convenable=1 honorable=1 exquis=2.8@quality fondant=1.5@quality
    croustillant=1.5@quality moelleux=1.5@quality tendre=1.2@quality juteux=1.5@quality authentique=1.2
    fade=-2@quality sans_saveur=-2@quality sans_gout=-2@quality insipide=-2.2@quality
    trop_sale=-2@quality trop_salee=-2@quality immonde=-3 infect=-3 infecte=-3 gras=-0.8@quality
    brule=-1.5@quality tiede=-1@quality trop_cuit=-1.5@quality mal_cuit=-2@quality pas_assez=-1
    minuscule=-1 addition_salee=-2@price note_salee=-2@price froidement=-1.8@staff hautain=-2.3@staff
    expeditif=-1.5@staff ne_fonctionne_pas=-2.3@quality ne_marche_pas=-2.3@quality
    fonctionne_pas=-2.3@quality marche_pas=-2.3@quality ne_fonctionne_plus=-2.3@quality
    ne_marche_plus=-2.3@quality remboursement=-1 renvoye=-1.2 a_renvoyer=-1.5 arrive_casse=-2.5
    arrive_abime=-2.5 camelote=-2.8@quality bas_de_gamme=-1.8@quality pacotille=-2.5@quality
    publicite_mensongere=-2.5 inutilisable=-2.8 incomplet=-1.5 manquant=-1.5 manquante=-1.5
    taches=-1@cleanliness grince=-1.5 moisi=-2.5@quality moisie=-2.5@quality jamais_recu=-2.5
    pas_recu=-2 injoignable=-2.3 aucune_reponse=-2 sans_reponse=-1.8 piege=-2 piege_a_touristes=-2.8
    a_fuir=-2.8 zero=-1 passable=-0.3 mitige=-0.8 mitigee=-0.8 ne_reviendrai_pas=-2.5
    ne_reviendrai_plus=-2.5 plus_jamais=-2.3 jamais_plus=-2.3 a_oublier=-2 excessif=-1.8@price
    exorbitant=-2.5@price onereux=-1.5@price du_vol=-2.5@price mal_servi=-2@staff mal_lave=-2.3@quality
    mal_organise=-2 desorganise=-2 bordelique=-2 sale_gueule=-2.5@staff
    
    attaque=-1.5 panique=-1.8 malaise=-1.5 incertitude=-1 deprimant=-2.3 morte=-2.3 ralentissement=-1
    suppression=-0.8 greenwashing=-1.5 confiance=1.2 dignite=1.2 en_faveur=0.8 partenariat=0.8
    mobilisation=0.8 innove=1.2 en_peril=-2 peril=-2 boude=-1 bravoure=2 chapeau_bas=2.5
    
    jaloux=-2 jalouse=-2 jalousie=-2 aigri=-2 aigris=-2 aigrie=-2 envieux=-1.8
    excellentissime=3 epoustouflant=2.8 grandiose=2.5 admirable=2.5 admire=2 admiration=2
    merveilleusement=2.5 ravissant=2.3 splendide=2.8 somptueux=2.5 spectaculaire=2 emerveille=2.5
    fascinant=2.2 drole=1.5 marrant=1.8 hilarant=2 amusant=1.8 divertissant=1.8 rigolo=1.5
    excitant=1.8 palpitant=2 touchant=1.8 inoubliable=2.5 memorable=2 apaisant=1.5 relaxant=1.5
    serein=1.5 soulage=1.5 soulagement=1.5 reconfortant=2 fidele=1.2 loyal=1.2 brave=1.5
    courageux=1.8 talentueux=2.2 talent=1.8 doue=1.8 intelligent=1.8 astucieux=1.8 ingenieux=2
    genie=2 avantageux=1.8 enrichissant=2 instructif=1.8 precieux=1.8 approuve=1.5 bien_fait=2
    bien_pense=2 bien_servi=2@staff bisous=1.5 bisou=1.5 gagnant=1.5 vainqueur=1.8 triomphe=2.2
    exploit=2 epanoui=2 rayonnant=2 radieux=2 beaute=2 fluide=1.5 reactif=2@staff reactive=2@staff
    reactivite=2@staff bien_conseille=2@staff aimablement=2@staff gentiment=1.8@staff
    poliment=1.5@staff volontiers=1.2 sans_hesiter=1.8 sans_hesitation=1.8
    deplorable=-2.8 execrable=-3 abominable=-3 epouvantable=-3 atroce=-3 odieux=-2.8 odieuse=-2.8
    exasperant=-2.5 exaspere=-2.3 irritant=-2 navrant=-2.5 navre=-1.5 consternant=-2.5
    desolant=-2.3 pathetique=-2.5 grotesque=-2.2 risible=-2 mensonger=-2.3 trompeur=-2.3
    tromperie=-2.5 trompe=-1.5 malhonnete=-2.8 malhonnetete=-2.8 racket=-2.8 mafia=-2.3
    injurieux=-2.5 insulte=-2.5 insultant=-2.5 insulter=-2.5 humiliant=-2.5 humiliation=-2.5
    agressif=-2.5@staff agressive=-2.5@staff brutal=-2.2 mechant=-2.2 mechante=-2.2 cruel=-2.5
    vulgaire=-2 impertinent=-2@staff insolent=-2.3@staff negligent=-2.2 paresseux=-2@staff
    feignant=-2@staff faineant=-2@staff lamentablement=-2.5 pauvre=-1 deprime=-2 angoisse=-2
    angoissant=-2.2 stresse=-1.8 stressant=-2 stress=-1.5 effrayant=-2.3 terrifiant=-2.5
    horrifie=-2.5 indigne=-2.3 indignation=-2 ecoeurant=-2.8 ecoeure=-2.5 degoute=-2.5 degout=-2.5
    decourage=-1.8 decourageant=-2 desespere=-2.3 desespoir=-2.5 lassant=-1.8 lasse=-1.5
    ennuye=-1.5 ennuyeuse=-2 complique=-1 compliquee=-1 difficile=-1 difficulte=-1.2 cauchemar=-2.8
    calvaire=-2.8 perte_de_temps=-2.5 temps_perdu=-2 inefficace=-2 incoherent=-1.8 defaut=-1.5
    crash=-1.5 dechire=-1.8 troue=-1.8 fissure=-1.5 tordu=-1.5 humide=-0.5 crade=-2.5@cleanliness
    cradingue=-2.5@cleanliness insalubre=-2.8@cleanliness puanteur=-2.5@cleanliness
    nauseabond=-2.5@cleanliness rats=-2@cleanliness cafards=-2.5@cleanliness cafard=-2
    vermine=-2.5@cleanliness intoxication=-3@quality intoxique=-2.8@quality vomi=-2.5
    indigeste=-2@quality surfacture=-2.5@price surfacturation=-2.5@price trop_paye=-2@price
    hors_service=-2@quality annule=-1.2 annulation=-1.2 retarde=-1.5@waiting menti=-2.2
    deplaisant=-2 distant=-1.2@staff irrespect=-2.5@staff manque_de_respect=-2.8@staff
    non_professionnel=-2.3@staff pas_professionnel=-2.3@staff amateur=-1.5 rackette=-2.8
    
    au_rendez_vous=1.5 imbattable=2.5@price vaut=0.8 vaut_le_coup=2 vaut_le_detour=2.3 vaut_la_peine=2
    ne_vaut_pas=-2 ne_tient_pas=-2@quality tient_bien=1.5 rien_a_voir_avec=-1.2 pas_conforme=-2.3
    non_conforme=-2.3 tres_decu=-2.8 vivement=1.3 a_revoir=-1.5 laisse_a_desirer=-2.3
    
    eau$ gaz$ gasoil$ gazoil$ essence$ carburant$ super_carburant$ monnaie$ ticket$ recu$ papier$
    pain$ sandwich$ sandwichs$ boisson$ boissons$ credit$ lubrifiant$ huile$ electricite$ courant$
    climatisation$ clim$ lumiere$ savon$ reseau$ tpe$ glace$ produit$ produits$
    """
}
